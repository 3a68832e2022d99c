//! The message catalog: every string the customer reads, in zh-CN and en-US.
//!
//! A message is a [`Msg`] variant and its text is one `match` arm holding both languages,
//! so a missing translation does not compile and an unused key fails `clippy -D warnings`
//! (dead code).

use repay_engine::InvalidReason;

/// The languages the widget speaks: the contract's, which the proposal names.
pub use repay_contract::Locale;

/// Declares the message keys and their text in both languages in one table: a key
/// without both texts does not compile, and a key no code uses is dead code, which
/// `clippy -D warnings` refuses.
macro_rules! catalog {
    ($($key:ident => ($en:expr, $zh:expr),)*) => {
        /// A message key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Msg {
            $($key,)*
        }

        impl Msg {
            /// The text in `locale`. Placeholders are `{name}`; fill them with [`fill`].
            pub(crate) fn text(self, locale: Locale) -> &'static str {
                let (en, zh) = match self {
                    $(Self::$key => ($en, $zh),)*
                };
                match locale {
                    Locale::EnUs => en,
                    Locale::ZhCn => zh,
                }
            }
        }

        #[cfg(test)]
        pub(crate) const ALL_MESSAGES: &[Msg] = &[$(Msg::$key,)*];
    };
}

catalog! {
    WidgetTitle => ("Your card repayment", "信用卡还款"),
    LanguageLabel => ("Language", "语言"),
    ProgressLabel => ("Steps", "步骤"),
    StepOfTotal => ("Step {n} of {total}", "第 {n} 步，共 {total} 步"),
    StepStatus => ("Where you stand", "您目前的情况"),
    StepSituation => ("Your situation", "您的情况"),
    StepOptions => ("Your options", "可选方案"),
    StepDetails => ("Plan details", "方案详情"),
    StepReview => ("Review and send", "确认并提交"),
    Continue => ("Continue", "继续"),
    Back => ("Back", "返回"),
    Skip => ("Skip this step", "跳过此步"),
    FixFiguresFirst => (
        "Correct the figures marked above, or clear them, to continue.",
        "请先更正上面标出的数字，或清除它们，再继续。"
    ),
    ChooseToContinue => ("Choose a plan to continue.", "请先选择一个方案。"),

    ReminderEarly => (
        "A payment slipped past its date. It happens, and it is quick to put right.",
        "这期还款错过了日期。这很常见，处理起来也很快。"
    ),
    ReminderLater => (
        "Your payment is overdue. Let's look at what you can do — there are options.",
        "您的还款已逾期。我们一起看看您可以怎么做，办法不止一种。"
    ),
    GraceNote => (
        "You are still inside the grace period: paying by {date} avoids any charge.",
        "您仍在宽限期内：在 {date} 前还款不会产生任何费用。"
    ),
    NotYetDue => ("Nothing is overdue yet.", "目前没有逾期款项。"),
    OverdueAmount => ("Overdue amount", "逾期金额"),
    DaysPastDueOne => ("{days} day past due", "已逾期 {days} 天"),
    DaysPastDue => ("{days} days past due", "已逾期 {days} 天"),
    DueDate => ("Payment was due on", "原定还款日"),
    StageLabel => ("Stage", "所处阶段"),
    AsOf => ("Figures as of {date}", "数据截至 {date}"),
    ChargedSoFar => ("Charged so far", "已产生的费用"),
    LateFees => ("Late fees", "违约金"),
    PenaltyInterest => ("Penalty interest", "罚息"),
    OwedToday => ("Everything owed today", "今日欠款总额"),
    Colon => (": ", "："),
    NothingCharged => ("Nothing has been charged for lateness.", "尚未产生逾期费用。"),

    StageReminder => ("Friendly reminder", "温馨提醒"),
    StageLate => ("Late", "逾期"),
    StageReported => ("Reported to the credit bureau", "已上报征信"),
    StageSuspended => ("Card suspended", "卡片已停用"),
    StageCollections => ("With collections", "催收阶段"),
    StageLegal => ("Legal action", "法律程序"),
    StagePenaltyRate => ("A higher penalty interest rate applies", "适用更高的罚息利率"),
    StageChargedOff => ("Written off (the debt is still owed)", "已核销（欠款仍需偿还）"),
    StageOther => ("Stage “{code}”", "阶段“{code}”"),

    TimelineHeading => ("What happens if nothing is paid", "如果暂不还款，接下来会发生什么"),
    ActBefore => ("Pay by {date} to avoid this", "在 {date} 或之前还款即可避免"),
    NoticeBy => ("The bank tells you in advance, by {date}", "银行会提前通知您（不晚于 {date}）"),
    NoticeAheadOne => (
        "The bank tells you {days} day in advance: look out for its letter or message.",
        "银行会提前 {days} 天通知您，请留意银行的信件或短信。"
    ),
    NoticeAhead => (
        "The bank tells you {days} days in advance: look out for its letter or message.",
        "银行会提前 {days} 天通知您，请留意银行的信件或短信。"
    ),
    HarmLateFeeOf => ("A late fee of {amount}", "收取违约金 {amount}"),
    HarmSeparator => ("; ", "；"),
    ConsequenceLateFee => ("A late fee", "收取违约金"),
    ConsequencePenaltyInterest => ("Penalty interest starts", "开始计收罚息"),
    ConsequenceCreditBureau => ("Reported to the credit bureau", "逾期记录上报征信"),
    ConsequenceSuspension => ("The card is suspended", "卡片被停用"),
    ConsequenceCollections => ("Passed to collections", "转入催收"),
    ConsequenceLegal => ("Legal action may begin", "可能进入法律程序"),
    ConsequenceWriteOff => (
        "The account is closed and written off; the debt is still owed and may go to a collection agency",
        "账户被关闭并核销，欠款仍需偿还，并可能转交催收机构"
    ),
    SeverityHigh => ("Serious", "影响严重"),
    SeverityMedium => ("Significant", "影响较大"),
    SeverityLow => ("Minor", "影响较小"),
    LeadingHeading => ("What matters most", "最需要注意的"),
    LeadingPay => (
        "Paying {amount} by {date} avoids it.",
        "在 {date} 或之前还款 {amount} 即可避免。"
    ),
    LeadingSooner => (
        "Other things come sooner: paying by {date} avoids everything listed.",
        "其他情况会更早发生：在 {date} 或之前还款，列出的所有情况都可以避免。"
    ),
    DeadlinesHeading => ("Dates that matter", "重要日期"),
    LastPaymentReceived => ("Last payment received", "最近一次还款"),
    LastPaymentValue => ("{amount} on {date}", "{date} 还款 {amount}"),
    ContactLeadStatus => (
        "Would you rather talk it through? Someone at the bank can help.",
        "想直接和人沟通？银行的工作人员可以帮您。"
    ),
    ContactOnCard => (
        "The bank's number is on the back of your card and on your statement.",
        "银行的电话号码印在卡片背面和账单上。"
    ),
    ContactHours => ("Lines are open", "服务时间"),
    ContactChat => ("Chat with the bank, or ask for a call back", "在线咨询或预约回电"),
    PartHeading => ("Can you pay only part of it now?", "现在只能还一部分？"),
    PartLabel => (
        "Amount you could pay now: see what it would still avoid",
        "现在能还的金额（看看还能避免哪些情况）"
    ),
    PartStillOverdue => (
        "{amount} would still be needed to bring your account up to date. With that payment:",
        "还需还款 {amount} 才能让账户恢复正常。如果现在还这笔钱："
    ),
    PartCoversAll => (
        "That covers everything overdue: paying it avoids every date listed.",
        "这笔钱足以还清全部逾期款项，列出的情况都可以避免。"
    ),
    PartAvoided => ("avoided", "可以避免"),
    PartSmaller => ("smaller: {amount}", "减少为 {amount}"),
    PartLessened => ("still charged, but on a smaller amount", "仍会收取，但计算基数减少"),
    PartNotAvoided => ("still happens", "仍会发生"),

    WaitingHeading => ("What waiting would cost", "等待的额外费用"),
    WaitingCaption => (
        "Extra charges if nothing is paid, by how long you wait",
        "如果暂不还款，按等待时长计算的额外费用"
    ),
    WaitDays => ("{days} days", "{days} 天"),
    Interest => ("Interest", "利息"),
    Total => ("Total", "合计"),
    Wait => ("Wait", "等待"),

    PayNow => ("Pay the overdue amount now", "立即还清逾期金额"),
    SeeOptions => ("See other options", "查看其他方案"),
    PayNowHeading => ("Pay {amount} now", "立即还款 {amount}"),
    PayNowBy => (
        "Pay by {date} to stay ahead of everything listed below. The first thing that would happen, on {event_date}: {event}.",
        "在 {date} 或之前还款，下面列出的情况都可以避免。最先发生的是 {event_date}：{event}。"
    ),
    PayNowNextFee => (
        "The next charge is a late fee of {amount} on {charge_date}; paying by {date} avoids it.",
        "下一笔费用是 {charge_date} 收取的违约金 {amount}，在 {date} 或之前还款即可避免。"
    ),
    PayNowNextPenalty => (
        "Penalty interest starts on {charge_date}; paying by {date} avoids it.",
        "{charge_date} 起将开始计收罚息，在 {date} 或之前还款即可避免。"
    ),
    PayNowIncludes => (
        "This is the overdue amount with the fees and interest charged so far.",
        "该金额包括逾期金额及目前已产生的费用和利息。"
    ),
    ChannelOnlineBanking => ("Online banking", "网上银行"),
    ChannelMobileApp => ("Mobile app", "手机银行"),
    ChannelBankTransfer => ("Bank transfer", "转账还款"),
    ChannelAutoDebit => ("Set up automatic payments", "设置自动还款"),
    NoChannels => ("Please contact your bank to pay.", "请联系您的银行还款。"),

    SituationIntro => (
        "This step is optional. It helps us suggest a plan you can keep up with.",
        "此步骤可选。它能帮助我们推荐一个您负担得起的方案。"
    ),
    ReasonLegend => ("What made the payment hard this time?", "这次是什么原因影响了按时还款？"),
    ReasonForgot => ("I forgot", "忘记了"),
    ReasonEmergency => ("A short-term emergency", "临时急事"),
    ReasonIncomeLoss => ("I lost income", "收入减少"),
    ReasonIllness => ("Illness", "生病"),
    ReasonDispute => ("I dispute a charge", "对账单有异议"),
    ReasonOther => ("Something else", "其他原因"),
    ReasonNone => ("Prefer not to say", "不便说明"),
    BudgetLegend => ("Your monthly budget", "每月收支"),
    PrivacyNote => (
        "These figures stay in your browser. They are sent to the bank only if you choose to share them when you send your proposal.",
        "这些数字只保存在您的浏览器中。只有在提交方案时您选择分享，才会发送给银行。"
    ),
    Income => ("Monthly income after tax", "每月税后收入"),
    Expenses => (
        "Essential monthly expenses (rent, food, bills, other debts)",
        "每月必要开支（房租、饮食、账单、其他还款）"
    ),
    Affordable => (
        "You could put about {amount} a month towards repayment.",
        "您每月大约可拿出 {amount} 用于还款。"
    ),
    NothingToSpare => (
        "Your essential expenses take all of your income.",
        "您的必要开支已占用全部收入。"
    ),
    ClearBudget => ("Clear these figures", "清除这些数字"),
    NothingFitsShort => (
        "None of the plans has payments this low. The bank may be able to agree something else with you.",
        "没有哪个方案的每期还款能低到这个程度。银行或许可以和您另行商定。"
    ),

    ErrNotANumber => ("Enter an amount in numbers, for example 8000", "请输入数字金额，例如 8000"),
    ErrNegative => ("The amount cannot be negative", "金额不能为负数"),
    ErrZero => ("Enter an amount above zero", "请输入大于零的金额"),
    ErrTooManyDecimals => ("Use at most {max} decimal places", "最多保留 {max} 位小数"),
    ErrTooLarge => ("That amount is too large", "金额过大"),
    ErrNotADate => ("Enter a date as YYYY-MM-DD", "请按 YYYY-MM-DD 格式输入日期"),
    ErrTooEarly => ("Choose {date} or later", "请选择 {date} 或之后的日期"),
    ErrTooLate => ("Choose {date} or earlier", "请选择 {date} 或之前的日期"),

    OptionsIntro => (
        "Every plan your bank offers, worked out exactly for your account.",
        "以下是银行提供的全部方案，均按您的账户精确计算。"
    ),
    FirstPaymentLabel => ("First payment date", "首次还款日"),
    FirstPaymentHint => (
        "Leave it empty to start on {date}.",
        "不填写则从 {date} 开始还款。"
    ),
    EndsEarlyOne => (
        "This amount is small: it is repaid after {payments} payment, before the {months}-month term ends.",
        "该金额较小，还款 {payments} 期即可还清，早于 {months} 个月的期限。"
    ),
    EndsEarly => (
        "This amount is small: it is repaid after {payments} payments, before the {months}-month term ends.",
        "该金额较小，还款 {payments} 期即可还清，早于 {months} 个月的期限。"
    ),
    PlanPayInFull => ("Pay in full", "一次还清"),
    PlanBringCurrent => ("Pay the overdue amount", "还清逾期部分"),
    PlanFlatFee => ("Instalments with a monthly fee", "分期还款（按月收手续费）"),
    PlanAnnuity => ("Equal monthly instalments", "等额本息分期"),
    PlanEqualPrincipal => ("Falling monthly instalments", "等额本金分期"),
    PlanHardship => ("Hardship plan", "个性化分期"),
    PlanDeferral => ("Pay later", "延期还款"),
    PlanSettlement => ("One-off settlement", "一次性结清（部分减免）"),
    PlanCustom => ("Your own plan", "自定义还款计划"),
    Payment => ("Payment", "还款金额"),
    PaymentsLabel => ("Payments", "还款安排"),
    PaymentsTimes => ("{n} × {amount}", "{n} 期 × {amount}"),
    PaymentsThen => ("{n} × {amount}, then {last}", "{n} 期 × {amount}，末期 {last}"),
    PaymentsVarying => (
        "{n} payments: {first} first, {last} last",
        "共 {n} 期：首期 {first}，末期 {last}"
    ),
    LastPayment => ("Last payment", "最后还款日"),
    ExtraCost => ("Extra cost", "额外费用"),
    Waived => ("Waived", "减免"),
    TotalPaid => ("Total you pay", "还款总额"),
    TrueRate => ("True annual rate", "实际年化利率"),
    RateValue => ("{effective} ({nominal} nominal)", "{effective}（名义 {nominal}）"),
    NoRate => ("none: nothing is spread over time", "无：不涉及分期"),
    ApprovedInstantly => ("Approved instantly", "即时批准"),
    NeedsReview => ("The bank reviews it", "需银行审核"),
    NeedsReviewDaysOne => (
        "The bank reviews it within {days} business day",
        "银行将在 {days} 个工作日内审核"
    ),
    NeedsReviewDays => (
        "The bank reviews it within {days} business days",
        "银行将在 {days} 个工作日内审核"
    ),
    NotAvailable => ("Not available", "暂不可选"),
    TermLabel => ("Number of months", "分期期数"),
    MonthsOptionOne => ("{n} month", "{n} 期"),
    MonthsOption => ("{n} months", "{n} 期"),
    ChoosePlan => ("Choose this plan", "选择此方案"),
    ForPlan => (": ", "："),
    CompareInCharts => ("Compare the plans in charts", "用图表比较各方案"),
    PlanLine => ("{payments} · extra cost {cost} · {verdict}", "{payments} · 额外费用 {cost} · {verdict}"),
    VerdictShortInstant => ("approved at once", "即时批准"),
    VerdictShortReview => ("the bank reviews it", "需银行审核"),
    CustomLine => ("Your own dates and amounts", "自己填写日期和金额"),
    SuggestedBadge => ("Suggested for you", "为您推荐"),
    TellUsIntro => (
        "Tell us a little about your situation, and we will suggest the plan that suits it.",
        "告诉我们一些您的情况，我们会为您推荐合适的方案。"
    ),
    TellUs => ("Tell us about your situation", "说说您的情况"),
    SuggestHeading => ("Suggested for you: ", "为您推荐："),
    WhyForgot => (
        "You told us you forgot. Paying the overdue amount puts everything right at once, and automatic payments make sure it does not happen again.",
        "您说是忘记了。还清逾期金额即可马上恢复正常；设置自动还款，以后就不用担心忘记了。"
    ),
    WhyEmergency => (
        "You told us about a short-term emergency. A little more time, or a few instalments, can carry you through it.",
        "您遇到了临时急事。多一点时间，或分几期还款，可以帮您渡过这段时间。"
    ),
    WhyIncomeLoss => (
        "You told us you lost income. A longer plan keeps each payment low while you get back on your feet.",
        "您说收入减少了。期限更长的方案能让每期还款更少，给您时间慢慢恢复。"
    ),
    WhyIllness => (
        "You told us you are unwell. A longer plan with lower payments takes the pressure off while you recover.",
        "您说身体不适。期限更长、每期更少的方案能在您康复期间减轻压力。"
    ),
    WhySuitsReason => ("This plan suits what you told us.", "这个方案适合您所说的情况。"),
    SuggestFits => (
        "Its payments fit the {amount} a month you can put towards repayment.",
        "每期还款在您每月可用于还款的 {amount} 以内。"
    ),
    SuggestDoesNotFit => (
        "Its payments are more than the {amount} a month you can put towards repayment.",
        "不过，每期还款超过了您每月可用于还款的 {amount}。"
    ),
    SuggestOnceDoesNotFit => (
        "It is more than the {amount} a month you can put towards repayment.",
        "不过，这笔还款超过了您每月可用于还款的 {amount}。"
    ),
    SuggestInstead => ("This plan fits your budget instead: ", "在您预算之内的方案："),
    SuggestFitsCheapest => (
        "Of the plans whose payments fit the {amount} a month you can put towards repayment, this one is agreed soonest and costs least.",
        "在每期还款不超过您每月可用于还款的 {amount} 的方案中，这个方案审批最快、费用最低。"
    ),
    SuggestNothingFits => (
        "None of the plans has payments within the {amount} a month you can put towards repayment. Please talk to the bank: it can look at other ways with you.",
        "没有哪个方案的每期还款在您每月可用于还款的 {amount} 以内。请联系银行，银行可以和您一起寻找其他办法。"
    ),
    SuggestDispute => (
        "You told us you dispute a charge. Tell the bank which charge is wrong before choosing a plan: a corrected charge changes what you owe.",
        "您说对账单有异议。请先告诉银行哪笔费用有误，再选择方案：费用更正后，您的欠款金额也会随之改变。"
    ),
    DisputeLink => ("Dispute a charge", "提出账单异议"),
    ContactLeadNoFit => ("Someone at the bank can help you find a way.", "银行的工作人员可以帮您想办法。"),
    CreditUpToDate => (
        "Credit record: shown as up to date once paid. A late payment already reported stays on it.",
        "征信：还清后显示为正常，已上报的逾期记录仍会保留。"
    ),
    CreditReportingPaused => (
        "Credit record: no new late payments are reported while you keep to the plan.",
        "征信：按计划还款期间，不再上报新的逾期。"
    ),
    CreditArrangement => (
        "Credit record: shown as repaying under an arrangement while the plan runs.",
        "征信：方案期间显示为协商还款。"
    ),
    CreditSettled => (
        "Credit record: shown as settled for less than the full amount.",
        "征信：显示为减免后结清。"
    ),
    CreditLateUntilPaid => (
        "Credit record: still shown as late until everything is paid.",
        "征信：全部还清之前仍显示为逾期。"
    ),
    MissedEndsOne => ("If a payment is missed, the plan ends.", "如有一期未按时还款，方案即终止。"),
    MissedEndsMany => ("If {n} payments are missed, the plan ends.", "如有 {n} 期未按时还款，方案即终止。"),
    ChargesResume => (
        " The usual interest and fees then apply again.",
        "之后将恢复收取正常的利息和费用。"
    ),
    PlanSummaryLive => (
        "{plan}: {payments}, extra cost {cost}.",
        "{plan}：{payments}，额外费用 {cost}。"
    ),
    FirstPaymentMovedLive => (
        "Every plan now starts on {date}.",
        "所有方案的首次还款日已改为 {date}。"
    ),
    FieldProblemLive => ("{field}: {problem}.", "{field}：{problem}。"),
    PartOutcomeLive => ("{harm}: {effect}.", "{harm}：{effect}。"),

    WhyTermNotOffered => ("The bank does not offer this number of months.", "银行不提供该期数。"),
    WhyInstalmentBelowMinimum => ("Each payment would be below the bank's minimum.", "每期金额低于银行规定的最低金额。"),
    WhyDownPaymentBelowMinimum => ("The down payment is below the bank's minimum.", "首付金额低于银行规定的最低金额。"),
    WhyDownPaymentAboveOwed => ("The down payment is more than you owe.", "首付金额超过了欠款。"),
    WhyFirstPaymentTooLate => ("The first payment would be later than the bank allows.", "首次还款日晚于银行允许的日期。"),
    WhyFirstPaymentInPast => ("The first payment date has passed.", "首次还款日已过。"),
    WhyNothingOverdue => ("Nothing is overdue.", "目前没有逾期款项。"),
    WhyDeferralNotOffered => ("The bank does not offer a deferral this long.", "银行不提供这么长的延期。"),
    WhyDiscountAboveCap => ("The amount is lower than the bank can accept.", "金额低于银行可接受的范围。"),
    WhyCustomDoesNotCover => ("Your payments do not yet repay everything owed.", "您填写的还款尚不足以还清全部欠款。"),
    WhyCustomBelowMinimum => ("A payment is below the bank's minimum.", "有一笔还款低于银行规定的最低金额。"),
    WhyCustomDatesOutOfOrder => ("Payment dates must be in order, one per day at most.", "还款日期需按先后顺序排列，且每天最多一笔。"),
    WhyCustomTermTooLong => ("Your payments run longer than the bank allows.", "还款期限超出银行允许的范围。"),
    WhyCustomEmpty => ("Add at least one payment with a date and an amount.", "请至少添加一笔带日期和金额的还款。"),
    WhyReviewedByBank => ("The bank looks at this plan before agreeing.", "银行会在同意前审核此方案。"),

    CustomIntro => (
        "Pick your own dates and amounts. Interest is charged as usual until everything is repaid.",
        "自行选择还款日期和金额。在还清之前，利息照常计算。"
    ),
    CustomDate => ("Date of payment {n}", "第 {n} 笔还款日期"),
    CustomAmount => ("Amount of payment {n}", "第 {n} 笔还款金额"),
    CustomStartEmpty => (
        "Type the dates and amounts you can pay below: the figures appear as you go.",
        "请在下方填写您能还款的日期和金额，填写后即显示方案详情。"
    ),
    CustomMissing => (
        "After your last payment, {amount} is still owed. Add payments to cover it.",
        "最后一笔还款之后，仍欠 {amount}。请增加还款以还清。"
    ),
    CustomMissingBy => (
        "After your last payment, {amount} is still owed. Add payments to cover it by {date}.",
        "最后一笔还款之后，仍欠 {amount}。请增加还款，在 {date} 前还清。"
    ),
    CustomAboveOwed => (
        "This is more than is owed by then: it counts as {amount}.",
        "这笔金额超过了届时的欠款，按 {amount} 计算。"
    ),
    CustomNotNeeded => (
        "Everything is repaid before this payment: it is not needed.",
        "在这笔还款之前已全部还清，无需这笔还款。"
    ),
    AddPayment => ("Add a payment", "添加一笔还款"),
    RemovePayment => ("Remove payment {n}", "删除第 {n} 笔还款"),

    ChartBalanceTitle => ("What you still owe over time", "剩余欠款随时间的变化"),
    ChartLineItem => (
        "{plan}: from {amount} to nothing on {date}",
        "{plan}：从 {amount} 开始，{date} 还清"
    ),
    ChartCostTitle => ("Extra cost of each plan", "各方案的额外费用"),
    ChartAsTable => ("Show these figures as a table", "以表格形式查看"),

    ScheduleCaption => ("Payment schedule: {plan}", "还款计划：{plan}"),
    Number => ("No.", "期次"),
    DueOn => ("Due on", "还款日"),
    Principal => ("Principal", "本金"),
    Fee => ("Fee", "手续费"),
    BalanceAfter => ("Balance after", "剩余本金"),
    DownPayment => ("Down payment", "首付"),
    DownloadIcs => ("Add reminders to my calendar (.ics)", "添加还款提醒到日历（.ics）"),
    DownloadCsv => ("Download as a spreadsheet (.csv)", "下载为表格（.csv）"),
    Print => ("Print this schedule", "打印还款计划"),
    IcsSummary => ("Card repayment {n} of {total}: {amount}", "信用卡还款 第 {n}/{total} 期：{amount}"),
    IcsReminder => ("Card repayment due tomorrow: {amount}", "明天需还款：{amount}"),

    ReviewIntro => ("Check your proposal before you send it.", "提交前请核对您的方案。"),
    YourReason => ("What made it hard", "困难原因"),
    ContactLegend => ("How should the bank contact you?", "银行应如何联系您？"),
    ContactPhone => ("Phone call", "电话"),
    ContactSms => ("Text message", "短信"),
    ContactEmail => ("Email", "电子邮件"),
    ContactInApp => ("Message in the app", "手机银行消息"),
    TimeLegend => ("When suits you best?", "什么时间方便联系？"),
    TimeAnytime => ("Any time", "任何时间"),
    TimeMorning => ("Mornings", "上午"),
    TimeAfternoon => ("Afternoons", "下午"),
    TimeEvening => ("Evenings", "晚上"),
    MessageLabel => ("Anything you would like the bank to know (optional)", "想告诉银行的其他情况（选填）"),
    CharactersLeftOne => ("{n} character left", "还可输入 {n} 个字"),
    CharactersLeft => ("{n} characters left", "还可输入 {n} 个字"),
    ShareBudget => ("Share my budget figures with the bank", "与银行分享我的收支数字"),
    ConsentBefore => ("I agree to the ", "我同意"),
    TermsLinkText => ("terms for repayment arrangements", "还款安排条款"),
    ConsentAfter => (".", "。"),
    ConsentRequired => (
        "Please tick this box to agree to the terms before sending.",
        "提交前请勾选此项，同意相关条款。"
    ),
    SendProposal => ("Send my proposal", "提交我的方案"),
    Sending => ("Sending your proposal to the bank…", "正在向银行提交您的方案…"),
    Retrying => ("No answer from the bank yet; trying again in {n} s.", "银行暂未答复，{n} 秒后自动重试。"),
    Offline => (
        "You seem to be offline. Your proposal is saved and goes to the bank once you are back online.",
        "您似乎已断网。方案已保存，恢复联网后会自动提交。"
    ),
    SendFailed => (
        "We could not reach the bank. Your proposal is saved; please try again in a moment.",
        "暂时无法连接银行。方案已保存，请稍后重试。"
    ),
    TryAgain => ("Try again", "重试"),
    RefusedRejected => (
        "The bank cannot accept this plan. Please go back and choose another, or contact the bank.",
        "银行无法接受此方案。请返回另选方案，或联系银行。"
    ),
    RefusedFigures => (
        "The bank's figures differ from these; your account may have changed. Please reload the page.",
        "银行核算的金额与此处不一致，账户可能有变动。请刷新页面。"
    ),
    RefusedTerms => (
        "The bank's terms have changed since this page was loaded. Please reload the page, read the current terms and send again.",
        "本页面打开后，银行条款已更新。请刷新页面，阅读最新条款后再提交。"
    ),
    RefusedOther => (
        "The bank could not accept this proposal (code {code}). Please contact the bank.",
        "银行未能接收此方案（代码 {code}）。请联系银行。"
    ),

    SentTitle => ("Thank you: your proposal has been sent", "谢谢，您的方案已提交"),
    ReferenceLabel => ("Your reference", "您的方案编号"),
    SentApproved => ("Approved: your new plan is in place.", "已批准：您的新还款计划已生效。"),
    SentReviewDaysOne => (
        "The bank will review your proposal and answer within {days} business day.",
        "银行将审核您的方案，并在 {days} 个工作日内答复。"
    ),
    SentReviewDays => (
        "The bank will review your proposal and answer within {days} business days.",
        "银行将审核您的方案，并在 {days} 个工作日内答复。"
    ),
    SentReview => (
        "The bank will review your proposal and answer you soon.",
        "银行将审核您的方案，并尽快答复。"
    ),
    SentReceived => (
        "The bank has received your proposal and will be in touch.",
        "银行已收到您的方案，会与您联系。"
    ),
    FirstDue => ("Your first payment of {amount} is due on {date}.", "首期还款 {amount}，应于 {date} 前支付。"),
    FirstDueIfAgreed => (
        "If the bank agrees, your first payment of {amount} is due on {date}.",
        "如果银行同意，首期还款 {amount}，应于 {date} 前支付。"
    ),
    PayOnceBy => ("Pay {amount} by {date}.", "请在 {date} 前还款 {amount}。"),
    SentPayment => (
        "Noted: the bank expects your payment. Your account is up to date once it arrives.",
        "已记录：银行将等待您的还款，款项到账后账户即恢复正常。"
    ),
    WaysToPay => ("Ways to pay", "还款方式"),
    MeanwhileHeading => ("Until the bank answers", "在银行答复之前"),
    ReviewChargesPaused => (
        "Interest and fees are paused.",
        "暂停计收利息和费用。"
    ),
    ReviewChargesContinue => (
        "Interest and fees continue as before: paying what you can now keeps them down.",
        "利息和费用照常计收：现在能还多少就还多少，可以减少这些费用。"
    ),
    ReviewReportingPaused => (
        "Nothing new is reported to the credit bureau.",
        "不会向征信机构上报新的逾期。"
    ),
    ReviewReportingContinue => (
        "Late payments can still be reported to the credit bureau.",
        "逾期仍可能被上报征信。"
    ),
    ContactLeadOptions => (
        "None of these right for you? Someone at the bank can talk it through.",
        "这些方案都不合适？银行的工作人员可以和您商量。"
    ),
    ContactLeadAfter => ("Questions about your plan? Talk to the bank.", "对方案有疑问？请联系银行。"),
    ContactLeadRefused => (
        "Someone at the bank can tell you what would work instead.",
        "银行的工作人员可以告诉您哪些方案可行。"
    ),
    ContactLeadError => ("You can still reach the bank:", "您仍可以联系银行："),
    ProvisionalDates => (
        "The bank reviews this plan: the dates hold once it agrees. Until then, treat these reminders as provisional.",
        "此方案需银行审核，银行同意后以下日期才生效。在此之前，这些提醒仅供参考。"
    ),
    IcsProvisional => ("(Provisional, until the bank agrees) ", "（待银行确认）"),
    NextTimeHeading => ("So that no payment slips again", "避免再次错过还款"),
    SignUpReminders => ("Get payment reminders", "开通还款提醒"),

    ConfigErrorTitle => ("This repayment tool could not start", "还款工具未能启动"),
    ConfigErrorBody => (
        "The page gave it settings it cannot use. Your account is not affected; please contact your bank or try again later.",
        "页面提供的设置无法使用。您的账户不受影响；请联系银行或稍后再试。"
    ),
    ConfigErrorField => ("Setting “{path}” {reason}.", "设置项“{path}”{reason}。"),
    ConfigErrorJson => (
        "The settings are not valid JSON (line {line}, column {column}).",
        "设置不是有效的 JSON（第 {line} 行，第 {column} 列）。"
    ),
    ConfigErrorTooDeep => (
        "The settings nest lists and objects more than {limit} levels deep (line {line}, column {column}).",
        "设置中的列表和对象嵌套超过 {limit} 层（第 {line} 行，第 {column} 列）。"
    ),
    ReasonNotADecimal => ("is not a number", "不是有效数字"),
    ReasonTooPrecise => ("has more than {max} decimal places", "小数位超过 {max} 位"),
    ReasonNegative => ("must not be negative", "不能为负数"),
    ReasonOverflow => ("is too large", "数值过大"),
    ReasonUnsupportedCurrency => ("is not a supported currency", "不是支持的币种"),
    ReasonUnsupportedLocale => (
        "is not a supported language (zh-CN or en-US)",
        "不是支持的语言（zh-CN 或 en-US）"
    ),
    ReasonImpossibleDate => ("is not a valid date (YYYY-MM-DD)", "不是有效日期（格式 YYYY-MM-DD）"),
    ReasonMissing => ("is missing", "缺失"),
    ReasonUnknownField => ("is not a known setting", "不是可识别的设置"),
    ReasonWrongType => ("has the wrong type", "类型不正确"),
    ReasonExceedsOther => ("is larger than “{other}”", "大于“{other}”"),
    ReasonBeforeOther => ("is before “{other}”", "早于“{other}”"),
    ReasonAfterOther => ("is after “{other}”", "晚于“{other}”"),
    ReasonCurrencyMismatch => ("uses a different currency", "币种不一致"),
    ReasonNotAllowed => ("is not an allowed value", "不是允许的取值"),
    ReasonTermOutsidePolicy => ("is outside the terms the policy allows", "超出政策允许的期限"),
    ReasonDuplicateKey => ("appears more than once", "重复出现"),
    ReasonEmpty => ("needs at least one entry", "至少需要一项"),
    ReasonTooMany => ("has more than {max} entries", "超过 {max} 项"),
}

impl Msg {
    /// The message for an engine refusal reason.
    pub(crate) fn for_reason(reason: &InvalidReason) -> Self {
        match reason {
            InvalidReason::NotADecimal => Self::ReasonNotADecimal,
            InvalidReason::TooPrecise { .. } => Self::ReasonTooPrecise,
            InvalidReason::Negative => Self::ReasonNegative,
            InvalidReason::Overflow => Self::ReasonOverflow,
            InvalidReason::UnsupportedCurrency => Self::ReasonUnsupportedCurrency,
            InvalidReason::UnsupportedLocale => Self::ReasonUnsupportedLocale,
            InvalidReason::ImpossibleDate => Self::ReasonImpossibleDate,
            InvalidReason::Missing => Self::ReasonMissing,
            InvalidReason::UnknownField => Self::ReasonUnknownField,
            InvalidReason::WrongType => Self::ReasonWrongType,
            InvalidReason::ExceedsOther { .. } => Self::ReasonExceedsOther,
            InvalidReason::BeforeOther { .. } => Self::ReasonBeforeOther,
            InvalidReason::CurrencyMismatch => Self::ReasonCurrencyMismatch,
            InvalidReason::AfterOther { .. } => Self::ReasonAfterOther,
            InvalidReason::NotAllowed => Self::ReasonNotAllowed,
            InvalidReason::TermOutsidePolicy => Self::ReasonTermOutsidePolicy,
            InvalidReason::DuplicateKey => Self::ReasonDuplicateKey,
            InvalidReason::Empty => Self::ReasonEmpty,
            InvalidReason::TooMany { .. } => Self::ReasonTooMany,
        }
    }
}

/// Replaces each `{name}` in `template` with its value.
/// The text for a count of `n`: CLDR's plural rules for the widget's languages. English
/// uses "one" for exactly the integer 1 and "other" for every other number; Chinese has
/// only "other". Every count shown in a sentence goes through here.
pub(crate) fn plural(locale: Locale, n: i64, one: Msg, other: Msg) -> &'static str {
    match locale {
        Locale::EnUs if n == 1 => one.text(locale),
        _ => other.text(locale),
    }
}

pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A refusal reason as a sentence fragment in `locale`, placeholders filled.
pub(crate) fn reason_text(reason: &InvalidReason, locale: Locale) -> String {
    let template = Msg::for_reason(reason).text(locale);
    match reason {
        InvalidReason::TooPrecise { max_decimals } => {
            fill(template, &[("max", &max_decimals.to_string())])
        }
        InvalidReason::TooMany { max } => fill(template, &[("max", &max.to_string())]),
        InvalidReason::ExceedsOther { other }
        | InvalidReason::BeforeOther { other }
        | InvalidReason::AfterOther { other } => fill(template, &[("other", other)]),
        _ => template.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn both_languages_have_every_message_with_the_same_placeholders() {
        for msg in ALL_MESSAGES {
            let (en, zh) = (msg.text(Locale::EnUs), msg.text(Locale::ZhCn));
            assert!(!en.trim().is_empty(), "{msg:?} has no English");
            assert!(!zh.trim().is_empty(), "{msg:?} has no Chinese");
            assert_eq!(placeholders(en), placeholders(zh), "{msg:?}");
        }
    }

    #[test]
    fn counts_follow_cldr_plural_rules() {
        use super::plural;
        // English: "one" is exactly 1; every other count, 0 included, is "other".
        let en = |n| plural(Locale::EnUs, n, Msg::DaysPastDueOne, Msg::DaysPastDue);
        assert_eq!(en(1), "{days} day past due");
        for n in [0, 2, 11, 21, 101] {
            assert_eq!(en(n), "{days} days past due", "{n}");
        }
        // Chinese has no plural forms.
        assert_eq!(
            plural(Locale::ZhCn, 1, Msg::DaysPastDueOne, Msg::DaysPastDue),
            Msg::DaysPastDue.text(Locale::ZhCn)
        );
    }

    #[test]
    fn fills_every_placeholder() {
        let text = fill(Msg::DaysPastDue.text(Locale::ZhCn), &[("days", "18")]);
        assert_eq!(text, "已逾期 18 天");
    }

    #[test]
    fn too_precise_names_the_limit_in_both_languages() {
        let reason = InvalidReason::TooPrecise { max_decimals: 2 };
        assert_eq!(
            reason_text(&reason, Locale::EnUs),
            "has more than 2 decimal places"
        );
        assert_eq!(reason_text(&reason, Locale::ZhCn), "小数位超过 2 位");
    }
}

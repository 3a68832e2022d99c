//! What every plan keeps, whatever the account, the policy and the choice.

use repay_engine::plans::Instalment;
use repay_engine::{Money, Plan, PlanKind};

fn sum(plan: &Plan, part: impl Fn(&Instalment) -> Money) -> Money {
    let zero = Money::zero(plan.owed_today.currency());
    plan.schedule
        .iter()
        .fold(zero, |total, row| total.checked_add(part(row)).unwrap())
}

/// Panics with the plan when one of the invariants does not hold. They hold for every
/// plan kind, allowed or not (a plan that is not allowed shows a schedule of what was
/// asked for, and it adds up too):
///
/// - every payment is more than zero and is its principal, interest and fee, none
///   negative; no remaining balance is negative; due dates never go back;
/// - `total_paid` and `total_cost` are the sums of the payments and of their interest and
///   fees;
/// - what the principal parts repay plus what is left after the last payment is what is
///   owed less any waiver, plus interest accrued and not paid (a custom plan that falls
///   short): `Σ principal + left = owed_today − amount_waived + unpaid_interest`;
/// - so `total_paid = owed_today − amount_waived + total_cost − left + unpaid_interest`,
///   and a plan that leaves nothing is `owed_today − amount_waived + total_cost`;
/// - a spread finances `owed_today − amount_waived − down_payment`, and has at most
///   `term_months` payments;
/// - a plan that ends in a review (reduced rate, token payments) has at most its period's
///   payments and a review date, after its last payment, exactly when it leaves something
///   owed; no other plan has a review date.
pub fn assert_invariants(plan: &Plan) {
    let zero = Money::zero(plan.owed_today.currency());
    for row in &plan.schedule {
        assert!(
            !row.principal.is_negative() && !row.interest.is_negative() && !row.fee.is_negative(),
            "{row:?}"
        );
        assert!(
            row.total.amount() > zero.amount(),
            "no payment of zero: {row:?} in {plan:?}"
        );
        assert!(!row.remaining_balance.is_negative(), "{row:?}");
        let parts = row
            .principal
            .checked_add(row.interest)
            .unwrap()
            .checked_add(row.fee)
            .unwrap();
        assert_eq!(parts, row.total, "{row:?}");
    }
    assert_eq!(sum(plan, |r| r.total), plan.total_paid, "{plan:?}");
    assert_eq!(
        sum(plan, |r| r.interest.checked_add(r.fee).unwrap()),
        plan.total_cost,
        "{plan:?}"
    );
    let dates: Vec<_> = plan.schedule.iter().map(|r| r.due_date).collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "dates in order: {dates:?}"
    );
    assert!(!plan.amount_waived.is_negative() && !plan.unpaid_interest.is_negative());
    let repayable = plan.owed_today.checked_sub(plan.amount_waived).unwrap();
    let left = plan
        .schedule
        .last()
        .map_or(repayable, |row| row.remaining_balance);
    assert_eq!(
        sum(plan, |r| r.principal).checked_add(left).unwrap(),
        repayable.checked_add(plan.unpaid_interest).unwrap(),
        "Σ principal + left = owed − waived + unpaid interest: {plan:?}"
    );
    assert_eq!(
        plan.total_paid.checked_add(left).unwrap(),
        repayable
            .checked_add(plan.total_cost)
            .unwrap()
            .checked_add(plan.unpaid_interest)
            .unwrap(),
        "{plan:?}"
    );
    if left.is_zero() {
        assert!(plan.unpaid_interest.is_zero(), "{plan:?}");
    }
    // A plan that ends in a review runs at most its period, and has a review exactly
    // when something is left then, after its last payment; no other plan has one.
    if plan.kind.ends_in_review() {
        assert!(plan.payments() <= plan.term_months as usize, "{plan:?}");
        assert!(plan.down_payment.is_zero() && plan.amount_waived.is_zero());
        match plan.review_date {
            Some(review) => {
                assert!(!left.is_zero(), "{plan:?}");
                assert!(review > plan.end_date, "{plan:?}");
            }
            None => assert!(left.is_zero() || plan.schedule.is_empty(), "{plan:?}"),
        }
    } else {
        assert_eq!(plan.review_date, None, "{plan:?}");
    }
    if matches!(plan.kind, PlanKind::Instalment { .. } | PlanKind::Hardship) {
        assert_eq!(
            plan.financed,
            repayable.checked_sub(plan.down_payment).unwrap(),
            "{plan:?}"
        );
        assert!(left.is_zero(), "a spread repays everything: {plan:?}");
        assert!(plan.payments() <= plan.term_months as usize, "{plan:?}");
    }
}

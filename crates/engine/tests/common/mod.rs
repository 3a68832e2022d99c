//! What every plan keeps, whatever the account, the policy and the choice.

use repay_engine::plans::Instalment;
use repay_engine::{Money, Plan, PlanKind, PlanReason, Verdict};

fn sum(rows: &[Instalment], part: impl Fn(&Instalment) -> Money) -> Money {
    let zero = Money::zero(rows[0].total.currency());
    rows.iter()
        .fold(zero, |total, row| total.checked_add(part(row)).unwrap())
}

/// Panics with the plan when one of the invariants does not hold.
pub fn assert_invariants(plan: &Plan) {
    let rows = &plan.schedule;
    assert!(!rows.is_empty(), "{plan:?}");
    for row in rows {
        assert!(
            !row.total.is_negative() && !row.principal.is_negative(),
            "{row:?}"
        );
        assert!(
            !row.interest.is_negative() && !row.fee.is_negative(),
            "{row:?}"
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
    assert_eq!(sum(rows, |r| r.total), plan.total_paid);
    assert_eq!(
        sum(rows, |r| r.interest.checked_add(r.fee).unwrap()),
        plan.total_cost
    );
    let dates: Vec<_> = rows.iter().map(|r| r.due_date).collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "dates in order: {dates:?}"
    );
    let spreads = matches!(plan.kind, PlanKind::Instalment { .. } | PlanKind::Hardship);
    let down_payment_too_large = matches!(
        &plan.verdict,
        Verdict::NotAllowed { reasons } if reasons.contains(&PlanReason::DownPaymentAboveOwed)
    );
    // Even a plan that is not allowed shows a complete schedule of what was asked for.
    if spreads && !down_payment_too_large {
        // Principal parts repay exactly what was owed, less waivers.
        let repaid = sum(rows, |r| r.principal);
        assert_eq!(
            repaid,
            plan.owed_today.checked_sub(plan.amount_waived).unwrap(),
            "{plan:?}"
        );
        assert_eq!(
            plan.total_paid,
            plan.owed_today
                .checked_sub(plan.amount_waived)
                .unwrap()
                .checked_add(plan.total_cost)
                .unwrap()
        );
        assert!(rows.last().unwrap().remaining_balance.is_zero());
    }
}

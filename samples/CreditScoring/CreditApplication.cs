using Microsoft.ML.Data;

namespace CreditScoring;

/// <summary>One loan application: the 20 Statlog attributes, named as in the data file (Weka's names).</summary>
public class CreditApplication
{
    /// <summary>Status of the existing checking account, e.g. "&lt;0", "0&lt;=X&lt;200", "no checking".</summary>
    [ColumnName("checking_status")] public string CheckingStatus { get; set; } = "";
    /// <summary>Duration of the credit in months.</summary>
    [ColumnName("duration")] public float Duration { get; set; }
    /// <summary>Credit history, e.g. "existing paid", "critical/other existing credit".</summary>
    [ColumnName("credit_history")] public string CreditHistory { get; set; } = "";
    /// <summary>Purpose of the credit, e.g. "new car", "radio/tv".</summary>
    [ColumnName("purpose")] public string Purpose { get; set; } = "";
    /// <summary>Credit amount in DM.</summary>
    [ColumnName("credit_amount")] public float CreditAmount { get; set; }
    /// <summary>Savings account / bonds, e.g. "&lt;100", "no known savings".</summary>
    [ColumnName("savings_status")] public string SavingsStatus { get; set; } = "";
    /// <summary>Present employment since, e.g. "1&lt;=X&lt;4".</summary>
    [ColumnName("employment")] public string Employment { get; set; } = "";
    /// <summary>Installment rate in % of disposable income, coded 1-4.</summary>
    [ColumnName("installment_commitment")] public float InstallmentCommitment { get; set; }
    /// <summary>Personal status and sex, e.g. "male single".</summary>
    [ColumnName("personal_status")] public string PersonalStatus { get; set; } = "";
    /// <summary>Other debtors / guarantors: "none", "co applicant", "guarantor".</summary>
    [ColumnName("other_parties")] public string OtherParties { get; set; } = "";
    /// <summary>Present residence since, coded 1-4.</summary>
    [ColumnName("residence_since")] public float ResidenceSince { get; set; }
    /// <summary>Most valuable property, e.g. "real estate", "car".</summary>
    [ColumnName("property_magnitude")] public string PropertyMagnitude { get; set; } = "";
    /// <summary>Age in years.</summary>
    [ColumnName("age")] public float Age { get; set; }
    /// <summary>Other installment plans: "bank", "stores", "none".</summary>
    [ColumnName("other_payment_plans")] public string OtherPaymentPlans { get; set; } = "";
    /// <summary>Housing: "rent", "own", "for free".</summary>
    [ColumnName("housing")] public string Housing { get; set; } = "";
    /// <summary>Number of existing credits at this bank, coded 1-4.</summary>
    [ColumnName("existing_credits")] public float ExistingCredits { get; set; }
    /// <summary>Job, e.g. "skilled", "unskilled resident".</summary>
    [ColumnName("job")] public string Job { get; set; } = "";
    /// <summary>Number of people being liable to provide maintenance for, 1-2.</summary>
    [ColumnName("num_dependents")] public float NumDependents { get; set; }
    /// <summary>Telephone registered: "yes" or "none".</summary>
    [ColumnName("own_telephone")] public string OwnTelephone { get; set; } = "";
    /// <summary>Foreign worker: "yes" or "no".</summary>
    [ColumnName("foreign_worker")] public string ForeignWorker { get; set; } = "";

    /// <summary>A shallow copy (all members are values or immutable strings).</summary>
    public CreditApplication CopyApplication() => (CreditApplication)MemberwiseClone();
}

/// <summary>A loan application with its known outcome: <see cref="Label"/> is true when the loan went bad.</summary>
public sealed class LabeledApplication : CreditApplication
{
    /// <summary>True for a bad credit risk (the positive class), false for a good one.</summary>
    public bool Label { get; set; }
}

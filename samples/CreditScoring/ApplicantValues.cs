namespace CreditScoring;

/// <summary>An application's numeric attributes by column name, to report reasons with the applicant's own values (not the normalised ones the model reads).</summary>
public static class ApplicantValues
{
    /// <summary>The value of numeric attribute <paramref name="column"/> (one of <see cref="CreditData.Numeric"/>) of <paramref name="application"/>.</summary>
    public static float Of(CreditApplication application, string column) => column switch
    {
        "duration" => application.Duration,
        "credit_amount" => application.CreditAmount,
        "installment_commitment" => application.InstallmentCommitment,
        "residence_since" => application.ResidenceSince,
        "age" => application.Age,
        "existing_credits" => application.ExistingCredits,
        "num_dependents" => application.NumDependents,
        _ => throw new ArgumentException($"'{column}' is not one of the numeric attributes {string.Join(", ", CreditData.Numeric)}.", nameof(column)),
    };

    /// <summary>True when <paramref name="column"/> names a numeric attribute.</summary>
    public static bool IsNumeric(string column) => CreditData.Numeric.Contains(column);
}

namespace MlNetNeural.Explanations;

/// <summary>Which contributions count as reasons for a decision.</summary>
public enum ContributionSign
{
    /// <summary>
    /// Contributions that lowered the explained output: the reasons for a decline when the model's positive class is the
    /// favourable outcome (for example "approve" or "repaid").
    /// </summary>
    Negative,

    /// <summary>
    /// Contributions that raised the explained output: the reasons for a decline when the positive class is the risk (for
    /// example "default" or "malignant"), or for a referral.
    /// </summary>
    Positive,
}

namespace CreditScoring;

/// <summary>One scored application: its true label and what a binary model produced for it.</summary>
public sealed class ScoredRow
{
    /// <summary>True when the loan went bad.</summary>
    public bool Label { get; set; }

    /// <summary>The model's raw score (the MLP's logit).</summary>
    public float Score { get; set; }

    /// <summary>Probability of default.</summary>
    public float Probability { get; set; }

    /// <summary>The decision: true = predicted bad (reject or review).</summary>
    public bool PredictedLabel { get; set; }
}

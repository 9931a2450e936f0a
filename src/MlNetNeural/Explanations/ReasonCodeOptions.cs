namespace MlNetNeural.Explanations;

/// <summary>Options of <see cref="ReasonCodes.FromData"/>.</summary>
public sealed class ReasonCodeOptions
{
    /// <summary>
    /// Four: the official interpretation of Regulation B (12 CFR 1002.9(b)(2), comment 9(b)(2)-1) says disclosing more than
    /// four principal reasons for an adverse action is not likely to be helpful to the applicant.
    /// </summary>
    public const int DefaultCount = 4;

    /// <summary>Most reasons per row, at least 1. Default 4. Fewer are returned when fewer contributions have the asked sign.</summary>
    public int Count { get; set; } = DefaultCount;

    /// <summary>The contribution column. Default "FeatureContributions".</summary>
    public string ContributionsColumnName { get; set; } = MlpFeatureContributionOptions.Defaults.OutputColumnName;

    /// <summary>
    /// The column whose values are reported with each reason, slot by slot with the contributions. Default "Features", the
    /// MLP's input; to report values before normalization, keep them in a column of their own (e.g. normalize
    /// "RawFeatures" into "Features") and name it here.
    /// </summary>
    public string FeatureValuesColumnName { get; set; } = "Features";

    /// <summary>
    /// Group slots named "Column.Slot" (how ML.NET's Concatenate names the slots of a vector column, e.g. of a one-hot
    /// encoding) into one reason per column, with the sum of their contributions and, as its category, the slot the row
    /// has set. Meant for one-hot columns: integrated gradients is additive, so a group's contribution is that of the whole
    /// attribute. Default false.
    /// </summary>
    public bool GroupSlotsByColumn { get; set; }
}

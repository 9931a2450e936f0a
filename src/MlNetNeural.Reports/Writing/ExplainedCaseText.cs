using System.Globalization;
using MlNetNeural.Explanations;

namespace MlNetNeural.Reports.Writing;

/// <summary>The words and number formats of the explained-decisions section, shared by the HTML and Markdown writers.</summary>
internal static class ExplainedCaseText
{
    public const string Introduction =
        "Each decision below is explained by its principal reasons: the features that moved the model's output the most in the direction of the " +
        "decision, measured from a baseline case (integrated gradients). Contributions are in the units of the model's output and add up, over all " +
        "features, to the output minus its value at the baseline. They explain how the model arrived at its output, not what causes the outcome in the world.";

    public const string NoReasons = "No feature moved the output in the direction of this decision.";

    /// <summary>The feature's value, or its category for a group of one-hot slots.</summary>
    public static string Value(FeatureReason reason) => reason.Category ?? reason.Value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The signed contribution with three decimals.</summary>
    public static string Contribution(FeatureReason reason) => reason.Contribution.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
}

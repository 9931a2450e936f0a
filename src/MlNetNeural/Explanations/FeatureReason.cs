using System.Globalization;

namespace MlNetNeural.Explanations;

/// <summary>
/// One reason for a decision: a feature (or, with grouping, a column whose slots were grouped), its value for the row and
/// how much it moved the explained output (in the output's units unless the contributions were normalized).
/// </summary>
/// <param name="Feature">The feature's name: its slot name, or the column name when slots were grouped.</param>
/// <param name="Contribution">Its contribution to the explained output (for a group, the sum over its slots).</param>
/// <param name="Value">The feature's value in the row (for a group, the value of <paramref name="Category"/>'s slot; 0 when no slot is set).</param>
/// <param name="Category">For a group of one-hot slots, the category the row has (the slot name after the column name); null otherwise.</param>
public sealed record FeatureReason(string Feature, float Contribution, float Value, string? Category = null)
{
    /// <summary>E.g. "Duration = 48 (+0.61)" or "CheckingStatus = &lt;0 (+0.84)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Feature} = {Category ?? Value.ToString("G6", CultureInfo.InvariantCulture)} ({Contribution:+0.###;-0.###;0})");
}

namespace MlNetNeural.Core.Losses;

/// <summary>The one check of a label-smoothing ε, shared by the classification losses.</summary>
internal static class LabelSmoothingCheck
{
    /// <summary>Returns <paramref name="epsilon"/> when it is in [0, 1); throws naming the rule otherwise.</summary>
    public static float Require(float epsilon) =>
        epsilon >= 0f && epsilon < 1f
            ? epsilon
            : throw SettingOutOfRange.Create("LabelSmoothing", epsilon, "must be in [0, 1): 0 turns it off, 0.1 is a common value");
}

namespace MlNetNeural.Cli.Display;

/// <summary>
/// The label decision's reason as the tool's user reads it. The inference names its own option for the positive class
/// (<c>InferenceOptions.PositiveClass</c>, a C# property the command line has no way to set); the tool names
/// <c>--positive-class</c>, which sets it.
/// </summary>
internal static class LabelReasons
{
    /// <summary>The inference's words for a positive class it chose, and for one the caller set.</summary>
    private const string ChosenHint = "InferenceOptions.PositiveClass chooses the other", SetHint = "(set by the caller)";

    /// <summary>The text with the inference's hint on the positive class replaced by the command line's option.</summary>
    public static string ForCommandLine(string text) => text
        .Replace(ChosenHint, "--positive-class CLASS to change", StringComparison.Ordinal)
        .Replace(SetHint, "(set by --positive-class)", StringComparison.Ordinal);
}

namespace MlNetNeural.Reports;

/// <summary>A name with a display value, e.g. one trainer option ("LearningRate", "0.001").</summary>
/// <param name="Name">What the value is, e.g. the option name.</param>
/// <param name="Value">The value as it should be shown to a reviewer.</param>
public sealed record NamedValue(string Name, string Value);

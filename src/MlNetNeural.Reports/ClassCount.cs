namespace MlNetNeural.Reports;

/// <summary>How many rows of one class a data set holds (for the label balance in a <see cref="ModelCard"/>).</summary>
/// <param name="ClassName">The class as it appears in the label column, e.g. "M" or "bad".</param>
/// <param name="Count">Number of rows with that label.</param>
public sealed record ClassCount(string ClassName, long Count);

namespace MlNetNeural.Tasks;

/// <summary>What a trainer learned about the label column from the schema: the class count and names (empty for regression).</summary>
/// <param name="ClassNames">Class names in index order.</param>
internal sealed record LabelDescription(IReadOnlyList<string> ClassNames)
{
    public static LabelDescription None { get; } = new([]);
}

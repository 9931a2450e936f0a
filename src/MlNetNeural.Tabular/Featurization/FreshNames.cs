namespace MlNetNeural.Tabular;

/// <summary>Names for the featurizer's intermediate columns that collide with no column of the table and with each other.</summary>
internal sealed class FreshNames
{
    private readonly HashSet<string> _taken;

    public FreshNames(TableInference inference)
    {
        _taken = inference.Table.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A free name of the form <c>Features.{stem}</c> (with <c>_2</c>, <c>_3</c> ... appended when taken).</summary>
    public string Next(string stem)
    {
        string name = $"Features.{stem}";
        for (int k = 2; !_taken.Add(name); k++) name = $"Features.{stem}_{k}";
        return name;
    }
}

namespace MlNetNeural.Tabular;

/// <summary>What a feature column becomes, and why.</summary>
public sealed class ColumnDecision
{
    internal ColumnDecision(string name, ColumnKind kind, string reason, bool isOverride, int distinctValues, int missingCount,
        CategoricalEncoding encoding = CategoricalEncoding.OneHot)
    {
        Name = name;
        Kind = kind;
        Reason = reason;
        IsOverride = isOverride;
        DistinctValues = distinctValues;
        MissingCount = missingCount;
        Encoding = encoding;
    }

    /// <summary>The column's name.</summary>
    public string Name { get; }

    /// <summary>What the column becomes.</summary>
    public ColumnKind Kind { get; }

    /// <summary>For <see cref="ColumnKind.Categorical"/>: one-hot or hashing.</summary>
    public CategoricalEncoding Encoding { get; }

    /// <summary>Why, in one sentence with the numbers behind it (e.g. <c>categorical: 7 levels (at most 100): one-hot</c>).</summary>
    public string Reason { get; }

    /// <summary>Whether the caller set the kind (<see cref="InferenceOptions.ColumnOverrides"/>).</summary>
    public bool IsOverride { get; }

    /// <summary>Distinct non-missing values in the whole table.</summary>
    public int DistinctValues { get; }

    /// <summary>Missing values in the whole table.</summary>
    public int MissingCount { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Reason}";
}

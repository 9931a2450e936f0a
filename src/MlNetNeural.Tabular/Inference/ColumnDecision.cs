namespace MlNetNeural.Tabular;

/// <summary>What a feature column becomes, and why.</summary>
public sealed class ColumnDecision
{
    internal ColumnDecision()
    {
    }

    /// <summary>The column's name.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>What the column becomes.</summary>
    public ColumnKind Kind { get; internal init; }

    /// <summary>Whether the pipeline receives the column as a number (Single, NaN where missing): <see cref="ColumnKind.Numeric"/> and <see cref="ColumnKind.Date"/>.</summary>
    public bool IsNumber => Kind is ColumnKind.Numeric or ColumnKind.Date;

    /// <summary>For <see cref="ColumnKind.Categorical"/>: one-hot or hashing.</summary>
    public CategoricalEncoding Encoding { get; internal init; }

    /// <summary>For <see cref="ColumnKind.Date"/>: how its dates are written (null for other kinds).</summary>
    public DateLayout? DateLayout { get; internal init; }

    /// <summary>Why, in one sentence with the numbers behind it (e.g. <c>categorical: 7 levels (at most 100): one-hot</c>).</summary>
    public string Reason { get; internal init; } = "";

    /// <summary>
    /// For <see cref="ColumnKind.Numeric"/>: values that mean missing in this column besides the file's
    /// <see cref="CsvFormat.MissingTokens"/>: placeholders without a letter or digit (such as <c>-</c> or <c>.</c>) in a column
    /// otherwise of numbers (empty for most columns). New files are read with them too.
    /// </summary>
    public IReadOnlyList<string> MissingTokens { get; internal init; } = [];

    /// <summary>Whether the caller set the kind (<see cref="InferenceOptions.ColumnOverrides"/>).</summary>
    public bool IsOverride { get; internal init; }

    /// <summary>Distinct non-missing values in the whole table.</summary>
    public int DistinctValues { get; internal init; }

    /// <summary>Missing values in the whole table.</summary>
    public int MissingCount { get; internal init; }

    /// <summary>This decision with another reason (a NOTE added after the column rules, which need the label).</summary>
    internal ColumnDecision WithReason(string reason) => new()
    {
        Name = Name, Kind = Kind, Encoding = Encoding, DateLayout = DateLayout, Reason = reason, MissingTokens = MissingTokens,
        IsOverride = IsOverride, DistinctValues = DistinctValues, MissingCount = MissingCount,
    };

    /// <summary>This column ignored for <paramref name="reason"/> (its counts kept for the report).</summary>
    internal ColumnDecision Ignored(string reason) =>
        new() { Name = Name, Kind = ColumnKind.Ignore, Reason = reason, DistinctValues = DistinctValues, MissingCount = MissingCount };

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Reason}";
}

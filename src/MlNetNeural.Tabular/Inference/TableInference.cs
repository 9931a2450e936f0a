using System.Text;

namespace MlNetNeural.Tabular;

/// <summary>
/// What every column of a <see cref="CsvTable"/> becomes and the task, each with its reason. Create it with
/// <see cref="Infer(CsvTable, InferenceOptions)"/>; print <see cref="Describe"/> for users; build the
/// ML.NET data with <see cref="TabularDataset"/> and the featurization with <see cref="TabularFeaturizer"/>.
/// </summary>
public sealed class TableInference
{
    private TableInference(CsvTable table, InferenceOptions options, LabelDecision label, IReadOnlyList<ColumnDecision> columns)
    {
        Table = table;
        Options = options;
        Label = label;
        Columns = columns;
        Schema = new TabularSchema(label, columns);
    }

    /// <summary>The table the decisions were made on.</summary>
    public CsvTable Table { get; }

    /// <summary>The options used.</summary>
    public InferenceOptions Options { get; }

    /// <summary>The label and the task.</summary>
    public LabelDecision Label { get; }

    /// <summary>The decision for every column except the label, in file order (ignored ones included, so they can be reported).</summary>
    public IReadOnlyList<ColumnDecision> Columns { get; }

    /// <summary>The label and column decisions alone, without the table: what a saved model needs to type new files.</summary>
    public TabularSchema Schema { get; }

    /// <summary>The columns that are used as features (every kind but <see cref="ColumnKind.Ignore"/>).</summary>
    public IEnumerable<ColumnDecision> Features => Schema.Features;

    /// <summary>The decisions of one kind, in file order.</summary>
    /// <param name="kind">The kind.</param>
    public IReadOnlyList<ColumnDecision> OfKind(ColumnKind kind) => Schema.OfKind(kind);

    /// <summary>These decisions with the feature columns <paramref name="ignore"/> picks ignored for the reason it gives (null: kept as decided).</summary>
    internal TableInference Ignoring(Func<ColumnDecision, string?> ignore) =>
        new(Table, Options, Label, [.. Columns.Select(c => c.Kind != ColumnKind.Ignore && ignore(c) is { } reason ? c.Ignored(reason) : c)]);

    /// <summary>Decides what every column of <paramref name="table"/> becomes and the task.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">The label column, and optionally the task, overrides and thresholds.</param>
    /// <exception cref="TabularDataException">The label is not in the table or has one value; an override names an unknown column,
    /// declares numeric a column with non-numbers, or targets the label; nothing is left to learn from.</exception>
    public static TableInference Infer(CsvTable table, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TextHashingBits is < 1 or > InferenceOptions.MaxTextHashingBits)
        {
            throw new TabularDataException(TabularProblem.InvalidOption,
                $"{nameof(InferenceOptions.TextHashingBits)} is {options.TextHashingBits}; it must be 1 to {InferenceOptions.MaxTextHashingBits} " +
                $"(each free-text column takes 2 x 2^bits slots; the default {InferenceOptions.DefaultTextHashingBits} gives 512).", table.Source);
        }
        var labelColumn = table.Get(options.LabelColumnName, "label");
        foreach (string name in options.ColumnOverrides.Keys)
        {
            table.Get(name, "override");
            if (name == labelColumn.Name)
            {
                throw new TabularDataException(TabularProblem.InvalidOption,
                    $"{table.Source}: '{name}' is the label; it cannot also have a column override. Set {nameof(InferenceOptions.Task)} to change how the label is used.",
                    table.Source, column: name);
            }
        }

        var labelStatistics = ColumnStatistics.Of(labelColumn, table.Format);
        var label = LabelRules.Decide(labelStatistics, options, table);
        var columns = table.Columns.Where(c => c != labelColumn)
            .Select(c => ColumnStatistics.Of(c, table.Format))
            .Select(s => NumberCodeNote.Add(ColumnRules.Decide(s, options, table, options.ColumnOverrides.TryGetValue(s.Column.Name, out var kind) ? kind : null),
                s, labelStatistics, label))
            .ToList();
        if (columns.All(c => c.Kind == ColumnKind.Ignore))
        {
            throw new TabularDataException(TabularProblem.NoFeatures,
                $"{table.Source}: no column is left to learn from once the label '{label.Name}' is set aside: " +
                (columns.Count == 0 ? "the table has no other column." : string.Join("; ", columns.Select(c => c.ToString()))) +
                " Override a column's kind (NAME:numeric|categorical|text|date) to use it.", table.Source);
        }
        return new TableInference(table, options, label, columns);
    }

    /// <summary>A readable report: the file and its format, the label and task, and one line per column with its kind and reason.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Table.Source}: {Table.RowCount} rows, {Table.Columns.Count} columns ({Table.Format}){(Table.HeaderNotesText is { } notes ? "; " + notes : "")}");
        text.AppendLine($"label {Label.Name}: {Label.Reason}");
        int width = Math.Min(40, Columns.Select(c => DisplayWidth.Of(c.Name)).DefaultIfEmpty(0).Max());
        foreach (var column in Columns)
        {
            text.AppendLine($"  {DisplayWidth.PadRight(column.Name, width)}  {column.Kind.ToString().ToLowerInvariant(),-11}  {column.Reason}");
        }
        // Dates only when there are some (most tables have none), next to the other numbers.
        ColumnKind[] kinds = OfKind(ColumnKind.Date).Count > 0
            ? [ColumnKind.Numeric, ColumnKind.Date, ColumnKind.Categorical, ColumnKind.Text, ColumnKind.Ignore]
            : [ColumnKind.Numeric, ColumnKind.Categorical, ColumnKind.Text, ColumnKind.Ignore];
        var counts = kinds.Select(k => $"{OfKind(k).Count} {k.ToString().ToLowerInvariant()}");
        text.AppendLine($"features: {string.Join(", ", counts)}");
        return text.ToString();
    }
}

namespace MlNetNeural.Tabular;

/// <summary>
/// The decisions that type a table for a model: the label with its task and classes, and what every other column
/// became. It is all a saved model needs to read a new file with the columns it was trained on
/// (<see cref="TabularDataset.Create(TabularSchema, CsvTable, bool)"/>); <see cref="TabularModel"/> stores it in
/// the model file. Get it from <see cref="TableInference.Schema"/>.
/// </summary>
public sealed class TabularSchema
{
    /// <summary>Creates the schema from decisions.</summary>
    /// <param name="label">The label and the task.</param>
    /// <param name="columns">The decision for every other column, in file order (ignored ones included).</param>
    public TabularSchema(LabelDecision label, IReadOnlyList<ColumnDecision> columns)
    {
        Label = label ?? throw new ArgumentNullException(nameof(label));
        Columns = columns ?? throw new ArgumentNullException(nameof(columns));
    }

    /// <summary>The label and the task.</summary>
    public LabelDecision Label { get; }

    /// <summary>The decision for every column except the label, in file order (ignored ones included).</summary>
    public IReadOnlyList<ColumnDecision> Columns { get; }

    /// <summary>The columns used as features (every kind but <see cref="ColumnKind.Ignore"/>).</summary>
    public IEnumerable<ColumnDecision> Features => Columns.Where(c => c.Kind != ColumnKind.Ignore);

    /// <summary>
    /// The feature columns a column selection ranks and may leave out: numeric, date and categorical ones, in file order.
    /// Free text is never ranked, so a selection always keeps it (<see cref="MlpCandidate.TopColumns"/>).
    /// </summary>
    public IReadOnlyList<ColumnDecision> RankableFeatures => [.. Features.Where(c => c.Kind != ColumnKind.Text)];

    /// <summary>The columns the pipeline receives as numbers (<see cref="ColumnDecision.IsNumber"/>), in file order.</summary>
    public IReadOnlyList<ColumnDecision> NumberColumns => [.. Columns.Where(c => c.IsNumber)];

    /// <summary>The decisions of one kind, in file order.</summary>
    /// <param name="kind">The kind.</param>
    public IReadOnlyList<ColumnDecision> OfKind(ColumnKind kind) => [.. Columns.Where(c => c.Kind == kind)];

    /// <summary>The schema as JSON (a versioned document; <see cref="FromJson"/> reads it back).</summary>
    public string ToJson() => TabularSchemaJson.Write(this);

    /// <summary>Reads a schema written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where the text came from, for messages (e.g. the model file).</param>
    /// <exception cref="InvalidDataException">The text is not such a schema, or was written by a newer version.</exception>
    public static TabularSchema FromJson(string json, string source = "(text)") => TabularSchemaJson.Read(json, source);
}

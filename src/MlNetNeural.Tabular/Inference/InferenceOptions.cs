namespace MlNetNeural.Tabular;

/// <summary>
/// What <see cref="TableInference.Infer(CsvTable, InferenceOptions)"/> needs: the label column, and optionally
/// the task, per-column overrides, the positive class and the thresholds of the rules (docs/tabular.md says
/// why each default is what it is).
/// </summary>
public sealed class InferenceOptions
{
    /// <summary>The label column's name (required, case-sensitive).</summary>
    public required string LabelColumnName { get; init; }

    /// <summary>The task; null infers it from the label (see <see cref="LabelDecision"/>).</summary>
    public TabularTask? Task { get; init; }

    /// <summary>Kinds that replace the inferred ones, by column name; e.g. <c>["ZipCode"] = ColumnKind.Categorical</c>. Naming a column that is not in the table is an error.</summary>
    public IReadOnlyDictionary<string, ColumnKind> ColumnOverrides { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>For binary tasks, the label value that becomes <c>true</c>; null takes the later of the two in sort order (numeric order for numbers, ordinal for text: 1 over 0, "yes" over "no", "spam" over "nonspam"). Set for a label that is not binary, it is refused (<see cref="TabularDataException"/>).</summary>
    public string? PositiveClass { get; init; }

    /// <summary>A text column with at most this many distinct values is categorical and one-hot encoded (default 100). Above it, the column is free text when its values average at least <see cref="FreeTextMinMeanWords"/> words, otherwise hashed.</summary>
    public int OneHotMaxLevels { get; init; } = 100;

    /// <summary>Hashed categorical columns get 2^HashingBits indicator slots (default 10: 1,024 slots).</summary>
    public int HashingBits { get; init; } = 10;

    /// <summary>
    /// Free-text columns get 2^TextHashingBits hashed slots for their words and word pairs and as many for their character
    /// trigrams (default 8: 512 slots a column). The width is the cost: the network's first layer is dense, so each slot
    /// costs every training row a multiply-add per first-layer unit in every epoch (docs/tabular.md says how it was chosen).
    /// </summary>
    public int TextHashingBits { get; init; } = DefaultTextHashingBits;

    /// <summary>The default <see cref="TextHashingBits"/>: 8, 512 slots a free-text column.</summary>
    public const int DefaultTextHashingBits = 8;

    /// <summary>The largest <see cref="TextHashingBits"/>: 16, 131,072 slots a column, already far wider than a dense first layer trains in reasonable time.</summary>
    public const int MaxTextHashingBits = 16;

    /// <summary>
    /// Free text (at least <see cref="FreeTextMinMeanWords"/> words) in which at least <see cref="MaxSingletonShare"/> of the rows
    /// hold a value no other row has is ignored as an identifier when its values average fewer than this many words (default 6):
    /// names, addresses and titles of people, not sentences (docs/tabular.md).
    /// </summary>
    public double IdentifierTextMaxMeanWords { get; init; } = 6;

    /// <summary>A text column averaging at least this many words per value (and past the one-hot limit, or different in every row) is free text (default 2).</summary>
    public double FreeTextMinMeanWords { get; init; } = 2;

    /// <summary>A numeric label of whole numbers with at most this many distinct values (and more than two) is a multiclass label; more makes it regression (default 20).</summary>
    public int MulticlassMaxIntegerLabels { get; init; } = 20;

    /// <summary>Classes of a classification label with fewer rows than this get a NOTE in the label's reason (default 10: too few to learn from and to test on).</summary>
    public int MinRowsPerClass { get; init; } = 10;

    /// <summary>A column is taken for an identifier (unique per row), or a label for one held by single rows, only in tables of at least this many rows (default 20).</summary>
    public int MinRowsForIdentifier { get; init; } = 20;

    /// <summary>
    /// A text column past the one-hot limit is ignored when at least this share of its rows hold a value no other row has
    /// (default 0.5): such levels cannot carry anything from the training rows to new ones, and hashing them gives the
    /// network an indicator per row to memorise (docs/tabular.md). A label whose task is inferred is refused at this share
    /// (<see cref="TabularProblem.UnusableLabel"/>): such classes can be neither learned nor tested.
    /// </summary>
    public double MaxSingletonShare { get; init; } = 0.5;

    /// <summary>Whole-number columns with at most this many distinct values are reported as codes (they stay numeric; override to categorical when the codes are not ordered) (default 10).</summary>
    public int IntegerCodeMaxLevels { get; init; } = 10;

    /// <summary>Parses an override written <c>NAME:numeric|categorical|text|date|ignore</c> (the kind is case-insensitive; the name may itself contain ':').</summary>
    /// <param name="text">The override, e.g. <c>ZipCode:categorical</c>.</param>
    /// <returns>The column name and kind.</returns>
    /// <exception cref="TabularDataException">The text is not of that form.</exception>
    public static KeyValuePair<string, ColumnKind> ParseOverride(string text)
    {
        int at = text.LastIndexOf(':');
        if (at > 0 && Enum.TryParse(text[(at + 1)..].Trim(), ignoreCase: true, out ColumnKind kind) && Enum.IsDefined(kind)
            && !int.TryParse(text[(at + 1)..], out _))
        {
            return new(text[..at], kind);
        }
        throw new TabularDataException(TabularProblem.InvalidOption,
            $"The column override '{text}' is not of the form NAME:KIND, where KIND is numeric, categorical, text, date or ignore (e.g. ZipCode:categorical).",
            value: text);
    }
}

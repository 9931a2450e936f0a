using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlNetNeural.Tabular;

/// <summary>
/// The JSON form of a <see cref="TabularSchema"/>: <c>{"format": 1, "label": {...}, "columns": [...]}</c>, enums as
/// their names. Format 2 adds date columns (kind <c>Date</c> with a <c>dateLayout</c>), format 3 a numeric column's own
/// <c>missingTokens</c>; each is written only when the schema has such a column, so other schemas stay readable by versions
/// that know format 1 only. Reading checks every field, so a damaged or foreign document fails with a message naming what is wrong.
/// </summary>
internal static class TabularSchemaJson
{
    /// <summary>The newest version written (3: a column's own missing tokens; 2: date columns); a reader refuses newer ones.</summary>
    public const int Format = 3;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string Write(TabularSchema schema)
    {
        var label = schema.Label;
        int format = schema.Columns.Any(c => c.MissingTokens.Count > 0) ? 3 : schema.Columns.Any(c => c.Kind == ColumnKind.Date) ? 2 : 1;
        var document = new SchemaDocument(format,
            new LabelDocument(label.Name, label.Task, label.IsNumeric, [.. label.Classes], label.PositiveClass, label.MissingCount, label.Reason),
            [.. schema.Columns.Select(c => new ColumnDocument(c.Name, c.Kind, c.Encoding, c.Reason, c.IsOverride, c.DistinctValues, c.MissingCount, c.DateLayout,
                c.MissingTokens.Count > 0 ? [.. c.MissingTokens] : null))]);
        return JsonSerializer.Serialize(document, Options);
    }

    public static TabularSchema Read(string json, string source)
    {
        SchemaDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SchemaDocument>(json, Options);
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"it is not a column schema ({e.Message})");
        }
        if (document is null) throw Invalid(source, "it is empty");
        if (document.Format > Format) throw Invalid(source, $"it was written in schema format {document.Format}, and this version reads up to {Format}; update MlNetNeural.Tabular");
        if (document.Format < 1) throw Invalid(source, "it has no format number");
        var l = document.Label ?? throw Invalid(source, "it has no label");
        if (string.IsNullOrEmpty(l.Name)) throw Invalid(source, "the label has no name");
        var classes = l.Classes ?? [];
        bool classification = l.Task != TabularTask.Regression;
        if (classification && classes.Length < 2) throw Invalid(source, $"the classification label '{l.Name}' lists {classes.Length} classes");
        if (l.Task == TabularTask.BinaryClassification && (classes.Length != 2 || !classes.Contains(l.PositiveClass)))
            throw Invalid(source, $"the binary label '{l.Name}' needs two classes and a positive class among them");
        var label = new LabelDecision
        {
            Name = l.Name, Task = l.Task, IsNumeric = l.IsNumeric, Classes = classification ? classes : [],
            PositiveClass = l.Task == TabularTask.BinaryClassification ? l.PositiveClass : null, MissingCount = l.MissingCount, Reason = l.Reason ?? "",
        };
        var columns = (document.Columns ?? throw Invalid(source, "it has no column list")).Select(c => c is null || string.IsNullOrEmpty(c.Name)
            ? throw Invalid(source, "a column has no name")
            : c.Kind == ColumnKind.Date && c.DateLayout is null ? throw Invalid(source, $"the date column '{c.Name}' has no date layout")
            : new ColumnDecision
            {
                Name = c.Name, Kind = c.Kind, Encoding = c.Encoding, Reason = c.Reason ?? "", IsOverride = c.IsOverride,
                DistinctValues = c.DistinctValues, MissingCount = c.MissingCount, DateLayout = c.Kind == ColumnKind.Date ? c.DateLayout : null,
                MissingTokens = c.Kind == ColumnKind.Numeric && c.MissingTokens is { } tokens ? tokens : [],
            }).ToList();
        var repeated = columns.Select(c => c.Name).Append(label.Name).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw Invalid(source, $"the column '{repeated.Key}' appears twice");
        if (columns.All(c => c.Kind == ColumnKind.Ignore)) throw Invalid(source, "no column is a feature");
        return new TabularSchema(label, columns);
    }

    private static InvalidDataException Invalid(string source, string what) =>
        new($"{source}: the column schema cannot be read: {what}.");

    private sealed record SchemaDocument(int Format, LabelDocument? Label, ColumnDocument?[]? Columns);

    private sealed record LabelDocument(string Name, TabularTask Task, bool IsNumeric, string[]? Classes, string? PositiveClass, int MissingCount, string? Reason);

    private sealed record ColumnDocument(string Name, ColumnKind Kind, CategoricalEncoding Encoding, string? Reason, bool IsOverride, int DistinctValues, int MissingCount,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateLayout? DateLayout = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? MissingTokens = null);
}

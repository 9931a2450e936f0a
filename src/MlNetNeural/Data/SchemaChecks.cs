using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Data;

/// <summary>Schema checks whose exceptions and messages follow ML.NET's own ("Schema mismatch for ... column ...").</summary>
internal static class SchemaChecks
{
    /// <summary>The column called <paramref name="name"/>, or an exception that lists the columns there are.</summary>
    public static DataViewSchema.Column Require(DataViewSchema schema, string name, string role)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var column = schema.GetColumnOrNull(name);
        if (column is { } found) return found;
        string available = string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"));
        throw new ArgumentOutOfRangeException("schema",
            $"Could not find {role} column '{name}'. The data has the columns {available}. Set the {Capitalize(role)}ColumnName option to the right column.");
    }

    /// <summary>The exception for a column of the wrong type, with a hint for fixing it.</summary>
    public static ArgumentOutOfRangeException Mismatch(string role, string name, string expected, DataViewType actual, string hint) =>
        new("schema", $"Schema mismatch for {role} column '{name}': expected {expected}, got {actual}. {hint}");

    private static string Capitalize(string role) => role switch
    {
        "example weight" => "ExampleWeight",
        _ => char.ToUpperInvariant(role[0]) + role[1..],
    };
}

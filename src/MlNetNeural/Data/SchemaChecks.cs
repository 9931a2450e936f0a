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

    /// <summary>
    /// The feature column of an estimator's input shape (for <c>GetOutputSchema</c>), or the exception ML.NET's own
    /// estimators throw when it is missing or not a known-size vector of Single.
    /// </summary>
    public static SchemaShape.Column RequireFeatureShape(SchemaShape inputSchema, string name)
    {
        var feature = inputSchema.FirstOrDefault(column => column.Name == name);
        if (feature.Name is null)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Could not find feature column '{name}'.");
        if (feature.ItemType != NumberDataViewType.Single || feature.Kind == SchemaShape.Column.VectorKind.VariableVector)
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Schema mismatch for feature column '{name}': expected known-size vector of Single, got {feature.Kind} of {feature.ItemType}.");
        return feature;
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

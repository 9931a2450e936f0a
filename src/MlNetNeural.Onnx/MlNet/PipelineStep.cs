using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetNeural.MlNet.Internals;

namespace MlNetNeural.Onnx.MlNet;

/// <summary>One transformer of a flattened ML.NET model, with the schema it reads and the schema it produces.</summary>
/// <param name="Index">0-based place in the flattened model: a step reads what the steps with a lower index wrote.</param>
/// <param name="Position">1-based position of the step the user wrote (nested chains expanded); the parts of a
/// <c>OneHotEncoding</c> share its position.</param>
/// <param name="Transformer">The transformer.</param>
/// <param name="InputSchema">The schema the transformer reads.</param>
/// <param name="OutputSchema">The schema the transformer produces from <paramref name="InputSchema"/>.</param>
/// <param name="Within">The type name of the transformer this one is a part of (<c>OneHotEncodingTransformer</c>), or null.</param>
internal sealed record PipelineStep(int Index, int Position, ITransformer Transformer, DataViewSchema InputSchema, DataViewSchema OutputSchema, string? Within = null)
{
    /// <summary>
    /// The names of the columns the step adds or replaces. ML.NET keeps every input column (a replaced one stays,
    /// hidden, and the new column is inserted after it) and may drop some, so a name that occurs more often in the
    /// output than in the input is a column the step wrote.
    /// </summary>
    public IReadOnlyList<string> AddedColumns =>
        OutputSchema.Where(column => !column.IsHidden)
            .Select(column => column.Name)
            .Where(name => Occurrences(OutputSchema, name) > Occurrences(InputSchema, name))
            .ToArray();

    /// <summary>Whether the step writes <paramref name="column"/>.</summary>
    public bool Writes(string column) => AddedColumns.Contains(column, StringComparer.Ordinal);

    /// <summary>For messages, e.g. <c>Step 2 (MissingValueReplacingTransformer, output column 'Features')</c>.</summary>
    public string Describe()
    {
        var added = AddedColumns;
        string columns = added.Count switch
        {
            0 => "adds no column",
            1 => $"output column '{added[0]}'",
            _ => $"output columns {string.Join(", ", added.Select(name => $"'{name}'"))}",
        };
        string transformer = Within is null ? TypeName(Transformer) : $"{Within}, its {TypeName(Transformer)}";
        return $"Step {Position} ({transformer}, {columns})";
    }

    /// <summary>
    /// Expands <paramref name="model"/> (a transformer or nested <see cref="TransformerChain{TLastTransformer}"/>s)
    /// into its transformers in order, following the schema from <paramref name="inputSchema"/>. A
    /// <see cref="OneHotEncodingTransformer"/> is expanded into the MapValueToKey and KeyToVector it is made of.
    /// </summary>
    public static IReadOnlyList<PipelineStep> Flatten(ITransformer model, DataViewSchema inputSchema)
    {
        var steps = new List<PipelineStep>();
        var schema = inputSchema;
        int position = 0;
        foreach (var transformer in Leaves(model))
        {
            position++;
            var (parts, within) = transformer is OneHotEncodingTransformer oneHot
                ? (Leaves(OneHotEncodingParts.Of(oneHot)), nameof(OneHotEncodingTransformer))
                : ([transformer], (string?)null);
            foreach (var part in parts)
            {
                var output = OutputSchemaOf(part, schema, position);
                steps.Add(new PipelineStep(steps.Count, position, part, schema, output, within));
                schema = output;
            }
        }
        return steps;
    }

    private static DataViewSchema OutputSchemaOf(ITransformer transformer, DataViewSchema schema, int position)
    {
        try
        {
            return transformer.GetOutputSchema(schema);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException(
                $"Cannot convert the model to ONNX: step {position} ({transformer.GetType().Name}) does not accept the schema it gets from the input schema: {error.Message} " +
                "Pass the schema of the data the model was fitted on (for example the one ml.Model.Load returns).",
                "inputSchema", error);
        }
    }

    /// <summary>The transformer's type name as messages show it; a nested type with its declaring type (<c>TextFeaturizingEstimator+Transformer</c>).</summary>
    public static string TypeName(ITransformer transformer)
    {
        var type = transformer.GetType();
        return type.DeclaringType is { } outer ? $"{outer.Name}+{type.Name}" : type.Name;
    }

    private static int Occurrences(DataViewSchema schema, string name) => schema.Count(column => column.Name == name);

    private static IEnumerable<ITransformer> Leaves(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Leaves) : [transformer];
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Onnx.MlNet;

/// <summary>One transformer of a flattened ML.NET model, with the schema it reads and the schema it produces.</summary>
/// <param name="Position">1-based position in the flattened model (nested chains expanded).</param>
/// <param name="Transformer">The transformer.</param>
/// <param name="InputSchema">The schema the transformer reads.</param>
/// <param name="OutputSchema">The schema the transformer produces from <paramref name="InputSchema"/>.</param>
internal sealed record PipelineStep(int Position, ITransformer Transformer, DataViewSchema InputSchema, DataViewSchema OutputSchema)
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
        return $"Step {Position} ({Transformer.GetType().Name}, {columns})";
    }

    /// <summary>
    /// Expands <paramref name="model"/> (a transformer or nested <see cref="TransformerChain{TLastTransformer}"/>s)
    /// into its transformers in order, following the schema from <paramref name="inputSchema"/>.
    /// </summary>
    public static IReadOnlyList<PipelineStep> Flatten(ITransformer model, DataViewSchema inputSchema)
    {
        var steps = new List<PipelineStep>();
        var schema = inputSchema;
        foreach (var transformer in Leaves(model))
        {
            DataViewSchema output;
            try
            {
                output = transformer.GetOutputSchema(schema);
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException)
            {
                throw new ArgumentException(
                    $"Cannot convert the model to ONNX: step {steps.Count + 1} ({transformer.GetType().Name}) does not accept the schema it gets from the input schema: {error.Message} " +
                    "Pass the schema of the data the model was fitted on (for example the one ml.Model.Load returns).",
                    nameof(inputSchema), error);
            }
            steps.Add(new PipelineStep(steps.Count + 1, transformer, schema, output));
            schema = output;
        }
        return steps;
    }

    private static int Occurrences(DataViewSchema schema, string name) => schema.Count(column => column.Name == name);

    private static IEnumerable<ITransformer> Leaves(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Leaves) : [transformer];
}

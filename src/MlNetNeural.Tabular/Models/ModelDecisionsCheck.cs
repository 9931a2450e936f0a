using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular;

/// <summary>
/// Checks, as a model file is loaded, that its column decisions fit its ML.NET pipeline: the task and the classes fit the
/// pipeline's output columns, and the pipeline reads every column it needs, with its type, from the data the decisions type
/// a table into. A file whose decisions were changed after it was saved is refused here, rather than failing while it scores
/// or writing predictions under the wrong classes.
/// </summary>
internal static class ModelDecisionsCheck
{
    /// <summary>Throws when the decisions contradict the pipeline, naming the file and the contradiction.</summary>
    /// <param name="path">The model file, for the message.</param>
    /// <param name="pipeline">The loaded pipeline.</param>
    /// <param name="savedInput">The schema the pipeline was saved with (the data it was fitted on).</param>
    /// <param name="decisions">The loaded decisions.</param>
    /// <exception cref="InvalidDataException">The decisions contradict the pipeline.</exception>
    public static void Check(string path, ITransformer pipeline, DataViewSchema savedInput, TabularSchema decisions)
    {
        var output = OutputOf(pipeline, savedInput, e => new InvalidDataException($"{path}: the model cannot be loaded: its pipeline cannot read the data it was saved with: {e.Message}", e));
        CheckOutput(path, ScorerOutputs(output, savedInput.Count), decisions.Label);
        CheckInput(path, pipeline, savedInput, decisions);
    }

    // The task and classes against the scorer's outputs on the data it was saved with.
    private static void CheckOutput(string path, IReadOnlyDictionary<string, DataViewSchema.Column> output, LabelDecision label)
    {
        var task = TaskOf(output) ?? throw Contradiction(path, $"the pipeline's outputs ({Describe(output)}) are not those of a binary, multiclass or regression model");
        if (task != label.Task)
            throw Contradiction(path, $"they give the task as {label.Task}, but the pipeline is a {task} model (its outputs: {Describe(output)})");
        if (task != TabularTask.MulticlassClassification) return;
        var score = output[Score];
        int classes = ((VectorDataViewType)score.Type).Size;
        if (classes != label.Classes.Count)
            throw Contradiction(path, $"they list {label.Classes.Count} classes for the label '{label.Name}', but the pipeline scores {classes}");
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        if (score.HasSlotNames()) score.GetSlotNames(ref names);
        string[] pipelineClasses = [.. names.DenseValues().Select(n => n.ToString())];
        if (pipelineClasses.Length > 0 && !pipelineClasses.SequenceEqual(label.Classes))
            throw Contradiction(path, $"they list the classes {string.Join(", ", label.Classes)}, but the pipeline's are {string.Join(", ", pipelineClasses)}, in that order");
    }

    // The scorer's columns the pipeline added (after the columns it reads, which come first in its output): a feature of the
    // file named like one of them (a regression model's feature "PredictedLabel", say) is not taken for it.
    private static Dictionary<string, DataViewSchema.Column> ScorerOutputs(DataViewSchema output, int inputColumns) =>
        new[] { PredictedLabel, Score, Probability }.Select(output.GetColumnOrNull).OfType<DataViewSchema.Column>()
            .Where(c => c.Index >= inputColumns).ToDictionary(c => c.Name);

    // The task of a scorer's outputs, by ML.NET's conventions; null when they are none of them.
    private static TabularTask? TaskOf(IReadOnlyDictionary<string, DataViewSchema.Column> output)
    {
        var score = output.GetValueOrDefault(Score).Type;
        var predicted = output.GetValueOrDefault(PredictedLabel).Type;
        var probability = output.GetValueOrDefault(Probability).Type;
        return (score, predicted) switch
        {
            (NumberDataViewType s, BooleanDataViewType) when s == NumberDataViewType.Single && probability == NumberDataViewType.Single => TabularTask.BinaryClassification,
            (VectorDataViewType s, KeyDataViewType) when s.ItemType == NumberDataViewType.Single && s.IsKnownSize => TabularTask.MulticlassClassification,
            (NumberDataViewType s, null) when s == NumberDataViewType.Single => TabularTask.Regression,
            _ => null,
        };
    }

    // Every column the decisions type a table into is one the pipeline was saved with, of the same type; and the pipeline reads its columns from them.
    private static void CheckInput(string path, ITransformer pipeline, DataViewSchema savedInput, TabularSchema decisions)
    {
        var declared = TabularDataset.ViewSchema(decisions);
        foreach (var column in declared)
        {
            var saved = savedInput.GetColumnOrNull(column.Name)
                ?? throw Contradiction(path, $"they declare the column '{column.Name}', which the pipeline was not saved with");
            if (!saved.Type.Equals(column.Type))
                throw Contradiction(path, $"they type the column '{column.Name}' ({KindOf(decisions, column.Name)}) as {column.Type}, but the pipeline was saved reading it as {saved.Type}");
        }
        OutputOf(pipeline, declared, e => Contradiction(path, $"the pipeline cannot read the columns they declare: {e.Message}"));
    }

    private static string KindOf(TabularSchema decisions, string name) =>
        decisions.Columns.FirstOrDefault(c => c.Name == name)?.Kind.ToString() ?? "the label";

    // The pipeline's output schema on an input; what ML.NET throws when the pipeline cannot read the input (a column missing or of another type) becomes refused(its innermost exception).
    private static DataViewSchema OutputOf(ITransformer pipeline, DataViewSchema input, Func<Exception, InvalidDataException> refused)
    {
        try
        {
            return pipeline.GetOutputSchema(input);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw refused(e.GetBaseException());
        }
    }

    private static string Describe(IReadOnlyDictionary<string, DataViewSchema.Column> output) =>
        string.Join(", ", new[] { PredictedLabel, Score, Probability }.Where(output.ContainsKey).Select(name => $"{name}: {output[name].Type}")) is { Length: > 0 } text
            ? text : "no Score";

    private const string PredictedLabel = "PredictedLabel", Score = "Score", Probability = "Probability";

    private static InvalidDataException Contradiction(string path, string what) =>
        new($"{path}: the column decisions ({TabularModel.SchemaEntryName}) contradict the saved pipeline: {what}. " +
            "The file was changed after it was saved: restore it from a backup, or train the model again.");
}

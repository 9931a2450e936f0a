using Microsoft.ML;
using MlNetNeural.Reports.Mlp;
using MlNetNeural.Reports.Writing;
using MlNetNeural.Transformers;

namespace MlNetNeural.Reports;

public sealed partial record ModelCard
{
    /// <summary>
    /// A model card filled from a model trained with MlNetNeural's MLP: training and validation row counts,
    /// the label balance of <paramref name="trainingData"/>, each pipeline step with the columns it adds,
    /// the trainer and the options that took effect (options without effect for the chosen optimizer, schedule,
    /// activation or loss, or early stopping without validation data, are listed apart with the reason), the per-epoch
    /// history (loss curves with what the loss is, the epoch early stopping kept), how training ended, training time, seed, and the MlNetNeural and ML.NET versions.
    /// Add free text with a <c>with</c> expression:
    /// <c>ModelCard.FromMlp("Credit risk", model, train) with { IntendedUse = "..." }</c>.
    /// </summary>
    /// <param name="title">Report title.</param>
    /// <param name="model">The fitted model: an MLP prediction transformer, or a transformer chain holding one
    /// (later steps, e.g. a calibrator, are listed as pipeline steps).</param>
    /// <param name="trainingData">The data <paramref name="model"/> was fitted on, before any of its steps.</param>
    /// <param name="labelColumnName">Label column of <paramref name="trainingData"/>, counted for the label balance
    /// (Boolean or 0/1 Single for binary models, key-typed for multiclass; not counted for regression).</param>
    /// <param name="positiveClassName">Name shown for true (1) labels of a binary model, e.g. "bad".</param>
    /// <param name="negativeClassName">Name shown for false (0) labels of a binary model, e.g. "good".</param>
    /// <exception cref="ArgumentException"><paramref name="model"/> holds no MLP, or the label column is missing or of an unsupported type.</exception>
    public static ModelCard FromMlp(string title, ITransformer model, IDataView trainingData, string labelColumnName = "Label",
        string positiveClassName = "true", string negativeClassName = "false")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainingData);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelColumnName);

        var steps = PipelineDescription.Flatten(model);
        var mlp = steps.OfType<MlpPredictionTransformer>().LastOrDefault()
            ?? throw new ArgumentException(
                $"The model holds no MLP prediction transformer; its steps are: {string.Join(", ", steps.Select(PipelineDescription.StepName))}. " +
                "Pass the transformer returned by an MLP trainer's Fit, or a chain that contains one.", nameof(model));
        var history = mlp.Model.History;
        var options = mlp.Model.TrainerOptions;
        var (activeOptions, inactiveOptions) = ApplicableOptions.Split(options, hadValidationData: history.ValidationRows > 0);

        return new ModelCard
        {
            Title = title,
            TrainingRowCount = history.TrainingRows,
            ValidationRowCount = history.ValidationRows,
            LabelBalance = LabelCounts.Count(trainingData, labelColumnName, mlp.Model.Task, positiveClassName, negativeClassName),
            PipelineSteps = PipelineDescription.Describe(steps, trainingData.Schema),
            TrainerName = MlpFacts.TrainerName(mlp),
            TrainerOptions = activeOptions,
            InactiveTrainerOptions = inactiveOptions,
            History = MlpFacts.ToReportHistory(history, LossDescription.For(mlp.Model.Task, options)),
            TrainingOutcome = string.IsNullOrWhiteSpace(history.StopMessage) ? null : history.StopMessage,
            TrainingTime = TimeSpan.FromSeconds(history.TotalSeconds),
            Seed = MlpFacts.Seed(options),
            LibraryVersion = "MlNetNeural " + AssemblyVersions.Of(typeof(MlpPredictionTransformer).Assembly),
            MlNetVersion = AssemblyVersions.Of(typeof(MLContext).Assembly),
        };
    }
}

namespace MlNetNeural.Reports;

/// <summary>
/// What a reviewer needs to know about how a model was made: data, pipeline, trainer, training run, versions.
/// Every member is optional except <see cref="Title"/>; the report shows only what is filled in.
/// The report never derives these values itself: fill them from your training code, or start from
/// <see cref="FromMlp"/> for a model trained with MlNetNeural's MLP and add text with a <c>with</c> expression.
/// </summary>
public sealed partial record ModelCard
{
    /// <summary>Report title, e.g. "Credit default risk – MLP v3".</summary>
    public required string Title { get; init; }

    /// <summary>Free text: what the model predicts and for whom.</summary>
    public string? IntendedUse { get; init; }

    /// <summary>Free text: known limitations, populations it was not tested on, etc.</summary>
    public string? Limitations { get; init; }

    /// <summary>Rows used for fitting the weights.</summary>
    public long? TrainingRowCount { get; init; }

    /// <summary>Rows held out during training for validation / early stopping.</summary>
    public long? ValidationRowCount { get; init; }

    /// <summary>Rows of the test set this report evaluates.</summary>
    public long? TestRowCount { get; init; }

    /// <summary>Rows per class in the training data.</summary>
    public IReadOnlyList<ClassCount> LabelBalance { get; init; } = [];

    /// <summary>Pipeline steps in order, e.g. "OneHotEncoding(Purpose)", "Concatenate(Features)", "NormalizeMeanVariance".</summary>
    public IReadOnlyList<string> PipelineSteps { get; init; } = [];

    /// <summary>Trainer name, e.g. "MlpBinaryTrainer" or "LbfgsLogisticRegression".</summary>
    public string? TrainerName { get; init; }

    /// <summary>Trainer options as shown to a reviewer: those that took effect in this run.</summary>
    public IReadOnlyList<NamedValue> TrainerOptions { get; init; } = [];

    /// <summary>
    /// Trainer options left out of <see cref="TrainerOptions"/> because they had no effect with the chosen settings
    /// (e.g. <c>Momentum</c> with the Adam optimizer), each as (option name, why it had no effect). The report lists
    /// their names below the options table, so nothing is dropped silently.
    /// </summary>
    public IReadOnlyList<NamedValue> InactiveTrainerOptions { get; init; } = [];

    /// <summary>
    /// Results the metrics section cannot show, as (what, value) rows, e.g. cross-validated AUC of other
    /// models, the decision threshold in use, or the expected cost per decision. Shown as "Evaluation notes".
    /// </summary>
    public IReadOnlyList<NamedValue> EvaluationNotes { get; init; } = [];

    /// <summary>Further tables shown after the model card's own, in order, e.g. column decisions or a search history.</summary>
    public IReadOnlyList<ReportTable> Tables { get; init; } = [];

    /// <summary>Per-epoch losses and metric; plotted as training curves when present.</summary>
    public TrainingHistory? History { get; init; }

    /// <summary>A sentence on how training ended, e.g. why it stopped and which epoch's weights were kept.</summary>
    public string? TrainingOutcome { get; init; }

    /// <summary>Wall-clock training time.</summary>
    public TimeSpan? TrainingTime { get; init; }

    /// <summary>Random seed of the run (e.g. the <c>MLContext</c> seed).</summary>
    public int? Seed { get; init; }

    /// <summary>Version of the library that trained the model, e.g. "MlNetNeural 0.1.0".</summary>
    public string? LibraryVersion { get; init; }

    /// <summary>ML.NET version; when <c>null</c> the report shows the version of the loaded Microsoft.ML assembly.</summary>
    public string? MlNetVersion { get; init; }
}

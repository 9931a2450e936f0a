using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Training;
using MlNetNeural.Data;
using MlNetNeural.FineTuning;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Models;
using MlNetNeural.Tasks;
using MlNetNeural.Transformers;

namespace MlNetNeural.Trainers;

/// <summary>
/// What the three MLP trainers share: schema checks, reading the data once into arrays, seeding,
/// progress logging and training through the numeric core. The subclasses supply the task: how the
/// label is read, which loss is used, and which prediction transformer is returned.
/// </summary>
/// <typeparam name="TTransformer">The prediction transformer Fit returns.</typeparam>
/// <typeparam name="TOptions">The trainer's options.</typeparam>
public abstract class MlpTrainerBase<TTransformer, TOptions> : ITrainerEstimator<TTransformer, MlpModelParameters>, IMlpTrainingSteps
    where TTransformer : MlpPredictionTransformer
    where TOptions : MlpTrainerOptions
{
    private readonly IHost _host;

    private protected MlpTrainerBase(IHostEnvironment environment, TOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        ModelLoaderRegistration.Register(environment);
        _host = environment.Register(name);
        TrainerOptions = options;
    }

    /// <summary>The options this trainer uses.</summary>
    public TOptions TrainerOptions { get; }

    /// <summary>Tells ML.NET tooling that features should be normalized and that a validation set is accepted.</summary>
    public TrainerInfo Info { get; } = TrainerInfoFactory.Create(needNormalization: true, wantCaching: false, supportsValidation: true);

    /// <summary>The task: label, targets and output columns.</summary>
    private protected abstract MlpTaskDefinition Task { get; }

    /// <summary>The loss; <paramref name="targets"/> is the standardization of regression targets, when there is one.</summary>
    private protected abstract ILoss CreateLoss(LabelDescription label, TargetStandardization? targets);

    /// <summary>Standardizes the targets in place for training (regression), returning how to map predictions back; null for none.</summary>
    private protected virtual TargetStandardization? StandardizeTargets(TrainingData train, TrainingData? validation) => null;

    private protected abstract TTransformer CreateTransformer(MlpModelParameters model, string featureColumnName);

    /// <summary>Trains on <paramref name="input"/>, holding out <see cref="MlpTrainerOptions.ValidationFraction"/> of it for early stopping.</summary>
    /// <param name="input">Training data with the label and feature columns.</param>
    public TTransformer Fit(IDataView input) => Fit(input, null, null);

    /// <summary>Trains on <paramref name="trainData"/> and uses <paramref name="validationData"/> for early stopping.</summary>
    /// <param name="trainData">Training data with the label and feature columns.</param>
    /// <param name="validationData">Validation data with the same columns, or null to hold out part of the training data.</param>
    public TTransformer Fit(IDataView trainData, IDataView? validationData) => Fit(trainData, validationData, null);

    /// <summary>
    /// Continues training from <paramref name="initialModel"/> (warm start, as ML.NET's L-BFGS and SDCA trainers offer it):
    /// a copy of its network is trained on <paramref name="trainData"/> with these options (see
    /// <see cref="MlpTrainerOptions.FineTuning"/> for frozen layers, a new output layer and LoRA). The optimizer's state and the
    /// random streams start afresh from the seed; see docs/fine-tuning.md.
    /// </summary>
    /// <param name="trainData">Training data, transformed by the same fitted steps as the initial model's training data.</param>
    /// <param name="initialModel">A trained model, e.g. <c>pipeline.LastTransformer.Model</c> of a fitted or loaded pipeline.</param>
    public TTransformer Fit(IDataView trainData, MlpModelParameters initialModel) =>
        Fit(trainData, null, initialModel ?? throw new ArgumentNullException(nameof(initialModel)));

    /// <summary>Warm start (see <see cref="Fit(IDataView, MlpModelParameters)"/>) with <paramref name="validationData"/> for early stopping.</summary>
    /// <param name="trainData">Training data with the label and feature columns.</param>
    /// <param name="validationData">Validation data with the same columns, or null to hold out part of the training data.</param>
    /// <param name="initialModel">A trained model to start from, or null for <see cref="MlpFineTuningOptions.InitialModel"/> (or a new network).</param>
    public TTransformer Fit(IDataView trainData, IDataView? validationData, MlpModelParameters? initialModel)
    {
        ArgumentNullException.ThrowIfNull(trainData);
        var feature = FeatureColumn.Find(trainData.Schema, TrainerOptions.FeatureColumnName);
        var label = SchemaChecks.Require(trainData.Schema, TrainerOptions.LabelColumnName, "label");
        var labelDescription = Task.DescribeLabel(label);
        var train = ReadData(trainData, feature, label, TrainingDataReader.TrainingRole);
        var validation = validationData is null ? null : ReadValidation(validationData, feature, label, labelDescription);

        int seed = TrainerOptions.Seed ?? _host.Rand.Next();
        int ensembleSize = MlpEnsemble.Size(TrainerOptions, initialModel, train.Rows, feature.Size);
        int outputSize = CreateLoss(labelDescription, null).OutputSize;
        var plan = FineTuningPlan.Create(TrainerOptions, initialModel, Task.Task, labelDescription, feature.Size, outputSize, seed);
        var targets = plan.KeepsInitialTargetScale ? plan.InitialTargetScale?.Standardize(train, validation) : StandardizeTargets(train, validation);
        var loss = CreateLoss(labelDescription, targets);
        var settings = plan.Adjust(MlpSettingsMapper.ToSettings(TrainerOptions, seed, train.Rows,
            loss.IsClassification ? MlpSettingsMapper.SmallestClassRows(train) : null));
        MlpEnsemble.CheckMemberFolds(TrainerOptions, ensembleSize, validation is not null, settings.ValidationFraction);
        bool validationSplit = validation is not null || settings.ValidationFraction > 0f;
        var architecture = plan.InitialNetwork is null ? MlpSettingsMapper.ToArchitecture(TrainerOptions, train, loss.OutputSize, loss.IsClassification && !validationSplit) : null;
        using var channel = _host.Start("Training");
        if (TrainerOptions.InputScaling == InputScaling.None && FeatureScaleCheck.Warn(train, TrainerOptions.FeatureColumnName) is { } scaleWarning)
            channel.Warning(MessageSensitivity.None, scaleWarning);
        if (architecture?.Layers.OfType<LogCompressionSpec>().FirstOrDefault() is { } compression)
            channel.Info(MessageSensitivity.None, CompressionAnnouncement.Describe(compression, feature.Column));
        int[] layerSizes = [feature.Size, .. TrainerOptions.HiddenLayers, loss.OutputSize];
        channel.Info(MessageSensitivity.None, plan.Announcement(Task.Task, train.Rows, seed)
            ?? (ensembleSize > 1 ? MlpEnsemble.Announcement(Task.Task, ensembleSize, layerSizes, train.Rows, seed)
                : $"Training a {Task.Task} MLP {string.Join("-", layerSizes)} on {train.Rows} rows with seed {seed}."));
        TrainingResult result;
        EnsembleTrainingResult? ensemble = null;
        try
        {
            Action<EpochReport> progress = report =>
            {
                channel.Info(MessageSensitivity.None, Describe(report, loss.MetricName, ensembleSize));
                TrainerOptions.ProgressCallback?.Invoke(report);
            };
            var trainer = new NetworkTrainer(settings);
            if (plan.InitialNetwork is { } start)
                result = trainer.Train(start, loss, train, validation, progress, TrainerOptions.CancellationToken);
            else if (ensembleSize == 1)
                result = trainer.Train(architecture!, loss, train, validation, progress, TrainerOptions.CancellationToken);
            else
            {
                ensemble = trainer.TrainEnsemble(architecture!, ensembleSize, loss, train, validation, progress, TrainerOptions.CancellationToken);
                result = new TrainingResult(ensemble.Network, ensemble.History);
            }
        }
        catch (InvalidTrainingDataException e) when (e.Part is TrainingDataPart.Target or TrainingDataPart.Classes)
        {
            throw DescribeRefusedLabel(e, label, labelDescription);
        }
        catch (NetworkTooLargeException e)
        {
            string hidden = $"[{string.Join(", ", TrainerOptions.HiddenLayers)}]";
            throw new ArgumentOutOfRangeException(nameof(MlpTrainerOptions.HiddenLayers), hidden,
                $"HiddenLayers {hidden} on {feature.Size} features with BatchSize {TrainerOptions.BatchSize} make a network too large to train. {e.Message}");
        }
        if (LoadLimitWarning(result.Network.ParameterCount) is { } tooLargeToLoad) channel.Warning(MessageSensitivity.None, tooLargeToLoad);
        if (result.History.StopReason is StopReason.Cancelled or StopReason.Diverged || result.History.LearnedNothing)
            channel.Warning(MessageSensitivity.None, result.History.StopMessage);
        else
            channel.Info(MessageSensitivity.None, result.History.StopMessage);

        var trained = plan.Finish(result.Network);
        if (plan.PrunedAway(trained) is { } cut) channel.Warning(MessageSensitivity.None, cut);
        var network = targets?.MapBack(trained) ?? trained;
        var history = targets?.InLabelUnits(result.History) ?? result.History;
        IEnumerable<KeyValuePair<string, string>> ensembleFacts = ensemble is null ? [] : [MlpEnsemble.Describe(ensemble, seed, loss.MetricName, targets?.Scale ?? 1)];
        var model = new MlpModelParameters(Task.Task, network, labelDescription.ClassNames, history,
            [.. MlpSettingsMapper.Describe(TrainerOptions, seed, new AutomaticChoices(
                architecture?.Layers.OfType<PeriodicEmbeddingSpec>().FirstOrDefault()?.LearningRateFactor, ensemble?.MemberFolds ?? false)),
             .. plan.Describe(trained), .. ensembleFacts]);
        return CreateTransformer(model, TrainerOptions.FeatureColumnName);
    }

    MlpTrainerOptions IMlpTrainingSteps.Options => TrainerOptions;

    MlpTask IMlpTrainingSteps.Task => Task.Task;

    (TrainingData Rows, LabelDescription Label) IMlpTrainingSteps.ReadTrainingData(IDataView data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var feature = FeatureColumn.Find(data.Schema, TrainerOptions.FeatureColumnName);
        var label = SchemaChecks.Require(data.Schema, TrainerOptions.LabelColumnName, "label");
        var labelDescription = Task.DescribeLabel(label);
        var rows = ReadData(data, feature, label, TrainingDataReader.TrainingRole);
        try
        {
            CreateLoss(labelDescription, null).ValidateTargets(rows.Targets);
        }
        catch (InvalidTrainingDataException e) when (e.Part is TrainingDataPart.Target)
        {
            throw DescribeRefusedLabel(e, label, labelDescription);
        }
        return (rows, labelDescription);
    }

    ILoss IMlpTrainingSteps.CreateLossFor(LabelDescription label) => CreateLoss(label, null);

    MlpPredictionTransformer IMlpTrainingSteps.CreateTransformerFor(MlpModelParameters model) => CreateTransformer(model, TrainerOptions.FeatureColumnName);

    /// <summary>The schema Fit's transformer produces: the input columns plus the task's score columns.</summary>
    /// <param name="inputSchema">Shape of the training data.</param>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        SchemaChecks.RequireFeatureShape(inputSchema, TrainerOptions.FeatureColumnName);
        if (!inputSchema.Any(column => column.Name == TrainerOptions.LabelColumnName))
            throw new ArgumentOutOfRangeException(nameof(inputSchema), $"Could not find label column '{TrainerOptions.LabelColumnName}'.");
        var columns = inputSchema.ToDictionary(c => c.Name);
        foreach (var output in Task.OutputShapes()) columns[output.Name] = output;
        return new SchemaShape(columns.Values);
    }

    private DataViewSchema.Column? FindWeight(DataViewSchema schema)
    {
        if (string.IsNullOrEmpty(TrainerOptions.ExampleWeightColumnName)) return null;
        var weight = SchemaChecks.Require(schema, TrainerOptions.ExampleWeightColumnName, "example weight");
        if (weight.Type != NumberDataViewType.Single)
            throw SchemaChecks.Mismatch("example weight", weight.Name, "Single", weight.Type, "Convert it with ml.Transforms.Conversion.ConvertType.");
        return weight;
    }

    private TrainingData ReadData(IDataView data, FeatureColumn feature, DataViewSchema.Column label, string role) =>
        TrainingDataReader.Read(data, feature, label, Task.TargetWidth, FindWeight(data.Schema), row => Task.CreateTargetReader(row, label), role);

    private TrainingData ReadValidation(IDataView validationData, FeatureColumn trainFeature, DataViewSchema.Column trainLabel, LabelDescription trainDescription)
    {
        var feature = FeatureColumn.Find(validationData.Schema, TrainerOptions.FeatureColumnName);
        if (feature.Size != trainFeature.Size)
            throw SchemaChecks.Mismatch("validation feature", feature.Column.Name, trainFeature.Column.Type.ToString()!, feature.Column.Type,
                "The validation data must go through the same transforms as the training data.");
        var label = SchemaChecks.Require(validationData.Schema, TrainerOptions.LabelColumnName, "label");
        if (!label.Type.Equals(trainLabel.Type) || !Task.DescribeLabel(label).ClassNames.SequenceEqual(trainDescription.ClassNames))
            throw SchemaChecks.Mismatch("validation label", label.Name, trainLabel.Type.ToString()!, label.Type,
                "The validation labels must have the same type and classes as the training labels (map both with the same fitted MapValueToKey).");
        return ReadData(validationData, feature, label, "validation");
    }

    /// <summary>The numeric core's refusal of a label value, or of training data with one class, in the label column's terms.</summary>
    private Exception DescribeRefusedLabel(InvalidTrainingDataException e, DataViewSchema.Column label, LabelDescription description) =>
        e.Part == TrainingDataPart.Classes
            ? new ArgumentException(Task.DescribeSingleClass(label, e.Value, e.Row, description), e)
            : new InvalidOperationException($"Row {e.Row} of the {e.DataName} data's label column '{label.Name}' is {e.Value}; {e.Requirement}. {Task.LabelAdvice}", e);

    /// <summary>A warning when a model of <paramref name="parameters"/> weights is larger than MLContexts load by default.</summary>
    private static string? LoadLimitWarning(long parameters)
    {
        long bytes = parameters * sizeof(float);
        if (bytes <= MlNetNeuralLoadOptions.DefaultMaxModelBytes) return null;
        long limit = (bytes >> 20) + 2 << 20;
        return string.Create(CultureInfo.InvariantCulture,
            $"This network's {parameters:N0} weights take {bytes:N0} bytes, more than an MLContext loads by default ({MlNetNeuralLoadOptions.DefaultMaxModelBytes:N0}, MlNetNeuralLoadOptions.MaxModelBytes). " +
            $"Where the saved model is loaded, register the loader with a larger limit: mlContext.RegisterMlNetNeural(new MlNetNeuralLoadOptions {{ MaxModelBytes = {limit} }}).");
    }

    private static string Describe(EpochReport report, string metricName, int ensembleSize)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{MlpEnsemble.EpochLabel(report, ensembleSize)}: train loss {report.TrainLoss:F5}");
        if (report.ValidationLoss is double loss) text += string.Create(CultureInfo.InvariantCulture, $", validation loss {loss:F5}");
        if (report.ValidationMetric is double metric) text += string.Create(CultureInfo.InvariantCulture, $", validation {metricName} {metric:F4}");
        return text + string.Create(CultureInfo.InvariantCulture, $", {report.Seconds:F2} s{(report.IsBest ? " (best)" : "")}");
    }
}

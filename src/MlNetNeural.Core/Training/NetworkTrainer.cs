using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Core.Training;

/// <summary>
/// Trains a network by mini-batch gradient descent: shuffles each epoch from the seed, validates on a
/// held-out part or a given set, stops early and restores the best weights, and records the history.
/// The same settings, seed and data give bit-identical weights for any thread count.
/// </summary>
public sealed class NetworkTrainer
{
    private const int InitializationStream = 1, SplitStream = 2;
    private readonly TrainerSettings _settings;

    /// <summary>Creates a trainer with the given settings.</summary>
    /// <param name="settings">How to train; validated here.</param>
    public NetworkTrainer(TrainerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
    }

    /// <summary>Builds a network of the given shape with seeded initial weights and trains it.</summary>
    /// <param name="architecture">The network's shape; its input and output sizes must match the data and loss.</param>
    /// <param name="loss">The objective.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows for early stopping; null to hold out <see cref="TrainerSettings.ValidationFraction"/> of <paramref name="train"/>.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="cancellation">Stops training within the current mini-batch (between chunks of its matrix products); the model then holds the weights the history names.</param>
    public TrainingResult Train(NetworkArchitecture architecture, ILoss loss, TrainingData train, TrainingData? validation = null,
        Action<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(train);
        TrainingMemory.Check(architecture, _settings, train.Rows, validation is not null || _settings.ValidationFraction > 0);
        var network = architecture.Build(DeterministicRandom.ForStream(_settings.Seed, InitializationStream));
        return Train(network, loss, train, validation, progress, cancellation);
    }

    /// <summary>Trains an existing network further (its current weights are the starting point).</summary>
    /// <param name="network">The network to train in place.</param>
    /// <param name="loss">The objective.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows; null to hold out part of <paramref name="train"/>.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="cancellation">Stops training within the current mini-batch; the model then holds the weights the history names.</param>
    public TrainingResult Train(Network network, ILoss loss, TrainingData train, TrainingData? validation = null,
        Action<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(train);
        CheckCompatible(network, loss, train, "training");
        _settings.Proximal?.CheckFits(network);
        var freezing = LayerFreezing.For(network, _settings.TrainableLayers);
        loss.ValidateTargets(train.Targets);
        if (loss.IsClassification) RequireTwoClasses(train);
        if (validation is not null)
        {
            CheckCompatible(network, loss, validation, "validation");
            try
            {
                loss.ValidateTargets(validation.Targets);
            }
            catch (InvalidTrainingDataException e)
            {
                throw e.InData("validation");
            }
        }
        var (trainRows, validationRows, validationData) = ChooseRows(train, validation, loss.IsClassification);
        if (trainRows.Length == 0) throw new ArgumentException("There are no training rows.", nameof(train));
        return new TrainingRun(_settings, network, freezing, loss, train, trainRows, validationData, validationRows, progress, cancellation).Execute();
    }

    private (int[] Train, int[] Validation, TrainingData? ValidationData) ChooseRows(TrainingData train, TrainingData? validation, bool stratify)
    {
        if (validation is not null) return (Enumerable.Range(0, train.Rows).ToArray(), Enumerable.Range(0, validation.Rows).ToArray(), validation);
        if (_settings.ValidationFraction == 0f) return (Enumerable.Range(0, train.Rows).ToArray(), [], null);
        var (trainRows, validationRows) = ValidationSplit.Split(train, _settings.ValidationFraction, stratify, DeterministicRandom.ForStream(_settings.Seed, SplitStream));
        if (validationRows.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TrainerSettings.ValidationFraction), _settings.ValidationFraction,
                $"ValidationFraction {_settings.ValidationFraction} of {train.Rows} training rows holds out no row " +
                (stratify ? "(each class keeps at least one training row and holds out its fraction, rounded)" : "(the fraction is rounded)") +
                ", so there would be no validation and no early stopping. Give more rows, pass a validation set, or set ValidationFraction to 0.");
        }
        return (trainRows, validationRows, train);
    }

    /// <summary>A classifier learns nothing from one class: refuse training targets (first per row) that are all equal.</summary>
    private static void RequireTwoClasses(TrainingData train)
    {
        if (train.Rows == 0) return;
        float first = train.Targets[0];
        for (int row = 1; row < train.Rows; row++) if (train.Targets[row * train.TargetWidth] != first) return;
        throw new InvalidTrainingDataException(TrainingDataPart.Classes, train.Rows, 0, first, "a classifier needs examples of at least two classes");
    }

    private static void CheckCompatible(Network network, ILoss loss, TrainingData data, string role)
    {
        if (data.FeatureCount != network.InputSize)
            throw new ArgumentException($"The {role} data has {data.FeatureCount} features per row but the network expects {network.InputSize}.");
        if (loss.OutputSize != network.OutputSize)
            throw new ArgumentException($"The loss expects {loss.OutputSize} network outputs but the network has {network.OutputSize}.");
        if (data.TargetWidth != loss.TargetSize)
            throw new ArgumentException($"The {role} data has {data.TargetWidth} targets per row but the loss expects {loss.TargetSize}.");
    }
}

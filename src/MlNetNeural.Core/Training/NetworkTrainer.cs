using System.Diagnostics;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Schedules;

namespace MlNetNeural.Core.Training;

/// <summary>
/// Trains a network by mini-batch gradient descent: shuffles each epoch from the seed, validates on a
/// held-out part or a given set, stops early and restores the best weights, and records the history.
/// The same settings, seed and data give bit-identical weights for any thread count.
/// </summary>
public sealed class NetworkTrainer
{
    private const int InitializationStream = 1, SplitStream = 2, ShuffleStream = 3, DropoutStream = 4;
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
    /// <param name="cancellation">Stops training after the current mini-batch; the best weights so far are kept.</param>
    public TrainingResult Train(NetworkArchitecture architecture, ILoss loss, TrainingData train, TrainingData? validation = null,
        Action<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var network = architecture.Build(DeterministicRandom.ForStream(_settings.Seed, InitializationStream));
        return Train(network, loss, train, validation, progress, cancellation);
    }

    /// <summary>Trains an existing network further (its current weights are the starting point).</summary>
    /// <param name="network">The network to train in place.</param>
    /// <param name="loss">The objective.</param>
    /// <param name="train">Training rows.</param>
    /// <param name="validation">Validation rows; null to hold out part of <paramref name="train"/>.</param>
    /// <param name="progress">Called after every epoch.</param>
    /// <param name="cancellation">Stops training after the current mini-batch.</param>
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
        var run = new TrainingRun(_settings, network, freezing, loss, train, trainRows, validationData, validationRows, progress, cancellation);
        return run.Execute();
    }

    private (int[] Train, int[] Validation, TrainingData? ValidationData) ChooseRows(TrainingData train, TrainingData? validation, bool stratify)
    {
        if (validation is not null) return (Enumerable.Range(0, train.Rows).ToArray(), Enumerable.Range(0, validation.Rows).ToArray(), validation);
        if (_settings.ValidationFraction == 0f || train.Rows < 2) return (Enumerable.Range(0, train.Rows).ToArray(), [], null);
        var (trainRows, validationRows) = ValidationSplit.Split(train, _settings.ValidationFraction, stratify, DeterministicRandom.ForStream(_settings.Seed, SplitStream));
        return validationRows.Length == 0 ? (trainRows, [], null) : (trainRows, validationRows, train);
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

    /// <summary>The state of one call to Train.</summary>
    private sealed class TrainingRun(
        TrainerSettings settings, Network network, LayerFreezing freezing, ILoss loss, TrainingData train, int[] trainRows,
        TrainingData? validation, int[] validationRows, Action<EpochReport>? progress, CancellationToken cancellation)
    {
        private readonly int _threads = settings.EffectiveThreads;
        private readonly TrainingHistory _history = new()
        {
            MetricName = loss.MetricName, TrainingRows = trainRows.Length, ValidationRows = validationRows.Length,
        };

        private float[][]? _bestWeights;
        private double _bestLoss = double.PositiveInfinity;

        public TrainingResult Execute()
        {
            var clock = Stopwatch.StartNew();
            int batchSize = Math.Min(settings.BatchSize, trainRows.Length);
            int stepsPerEpoch = (trainRows.Length + batchSize - 1) / batchSize;
            var workspace = network.CreateWorkspace(batchSize);
            var batch = new BatchBuffer(batchSize, train.FeatureCount, train.TargetWidth);
            var outputGradient = new float[batchSize * network.OutputSize];
            var evaluator = validation is null ? null : new NetworkEvaluator(network, loss, train.FeatureCount, train.TargetWidth, _threads);
            var optimizer = settings.Optimizer.Create();
            var schedule = settings.Schedule.Create();
            var shuffleRandom = DeterministicRandom.ForStream(settings.Seed, ShuffleStream);
            var trainingMode = new ForwardMode(true, DeterministicRandom.ForStream(settings.Seed, DropoutStream), _threads);
            int[] order = (int[])trainRows.Clone();
            int epochsWithoutImprovement = 0;
            // The step's fine-tuning hooks (see docs/fine-tuning.md): the freezing decides which parameter gradients are
            // computed and which parameters the adjustments and the optimizer see; the pruning masks tighten on their
            // schedule, zero the pruned weights' gradients before the optimizer and the pruned weights after it.
            var parameters = freezing.Parameters;
            var proximal = settings.Proximal is { } anchor ? freezing.Restrict(anchor) : null;
            var pruning = settings.Pruning is { } pruningSettings ? new PruningMasks(network, pruningSettings, stepsPerEpoch) : null;

            for (int epoch = 0; epoch < settings.MaxEpochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                shuffleRandom.Shuffle(order);
                double lossSum = 0;
                float rate = settings.LearningRate;
                for (int step = 0; step < stepsPerEpoch; step++)
                {
                    if (cancellation.IsCancellationRequested) return Finish(StopReason.Cancelled, clock, epoch + 1);
                    var rows = order.AsSpan(step * batchSize, Math.Min(batchSize, order.Length - step * batchSize));
                    pruning?.BeginStep((long)epoch * stepsPerEpoch + step);
                    batch.Fill(train, rows);
                    var outputs = network.Forward(batch.Features, workspace, rows.Length, trainingMode);
                    double batchLoss = loss.Compute(outputs, batch.Targets, batch.Weights, rows.Length, outputGradient);
                    if (!double.IsFinite(batchLoss)) return Diverge(epoch + 1, rate, clock);
                    lossSum += batchLoss * rows.Length;
                    network.Backward(batch.Features, workspace, outputGradient, rows.Length, _threads, freezing);
                    GradientAdjustments.AddL2Penalty(parameters, settings.L2Penalty);
                    if (proximal is not null) GradientAdjustments.AddProximalTerm(parameters, proximal);
                    pruning?.MaskGradients();
                    if (settings.GradientClipNorm is float clip) GradientAdjustments.ClipByGlobalNorm(parameters, clip);
                    rate = schedule.Rate(new ScheduleContext(settings.LearningRate, epoch, step, stepsPerEpoch, settings.MaxEpochs));
                    optimizer.Step(parameters, rate);
                    pruning?.ApplyToWeights();
                }

                double trainLoss = lossSum / order.Length;
                double? validationLoss = null, validationMetric = null;
                if (evaluator is not null)
                    (validationLoss, validationMetric) = evaluator.Evaluate(validation!, validationRows);
                double monitored = validationLoss ?? trainLoss;
                if (!double.IsFinite(monitored)) return Diverge(epoch + 1, rate, clock);

                // While pruning is still raising the sparsity, no epoch can be the best: restoring one would undo pruning.
                bool eligible = pruning?.ReachedTarget ?? true;
                bool isBest = eligible && (monitored < _bestLoss - settings.EarlyStoppingMinDelta || _bestWeights is null);
                if (isBest)
                {
                    _bestLoss = monitored;
                    _history.BestEpoch = epoch + 1;
                    if (_bestWeights is null) _bestWeights = network.SnapshotParameters();
                    else network.CopyParametersTo(_bestWeights);
                    epochsWithoutImprovement = 0;
                }
                else if (eligible)
                {
                    epochsWithoutImprovement++;
                }
                schedule.ObserveEpoch(monitored);
                var report = new EpochReport(epoch + 1, trainLoss, validationLoss, validationMetric, rate, epochClock.Elapsed.TotalSeconds, isBest);
                _history.Add(report);
                progress?.Invoke(report);

                if (evaluator is not null && settings.EarlyStoppingPatience > 0 && epochsWithoutImprovement >= settings.EarlyStoppingPatience)
                    return Finish(StopReason.EarlyStopped, clock, epoch + 1);
            }
            return Finish(StopReason.MaxEpochsReached, clock, settings.MaxEpochs);
        }

        private TrainingResult Diverge(int epoch, float rate, Stopwatch clock)
        {
            if (_bestWeights is null) throw new TrainingDivergedException(epoch, rate);
            return Finish(StopReason.Diverged, clock, epoch, rate);
        }

        private TrainingResult Finish(StopReason reason, Stopwatch clock, int epoch, float rate = 0f)
        {
            // Without validation the last epoch is kept (the training loss says nothing about overfitting).
            bool restoreBest = _bestWeights is not null && (validation is not null || reason is StopReason.Diverged or StopReason.Cancelled);
            if (restoreBest) network.RestoreParameters(_bestWeights!);
            else if (_history.Epochs.Count > 0) _history.BestEpoch = _history.Epochs.Count;
            _history.StopReason = reason;
            _history.TotalSeconds = clock.Elapsed.TotalSeconds;
            string kept = _history.BestEpoch > 0 ? $"the weights of epoch {_history.BestEpoch}" : "the initial weights (no epoch completed)";
            _history.StopMessage = reason switch
            {
                StopReason.MaxEpochsReached => $"Trained all {_history.Epochs.Count} epochs; the model holds {kept}.",
                StopReason.EarlyStopped => $"Stopped early after epoch {epoch}: the validation loss had not improved for {settings.EarlyStoppingPatience} epochs; the model holds {kept}.",
                StopReason.Cancelled => $"Training was cancelled during epoch {epoch}; the model holds {kept}, the best so far.",
                _ => $"The loss became NaN or infinite in epoch {epoch} at learning rate {rate}; the model holds {kept}. Lower the learning rate or set a gradient clip norm.",
            };
            return new TrainingResult(network, _history);
        }
    }
}

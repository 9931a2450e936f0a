using System.Diagnostics;
using MlNetNeural.Core.Kernels;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Pruning;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Schedules;
using MlNetNeural.Core.Threading;

namespace MlNetNeural.Core.Training;

/// <summary>
/// One call to <see cref="NetworkTrainer.Train(Network, ILoss, TrainingData, TrainingData?, Action{EpochReport}?, CancellationToken)"/>:
/// the epochs, the weights the model will hold if training stops now, and the history that says which they are.
/// </summary>
/// <remarks>
/// The kept weights start as the initial ones. With validation data they are the best epoch's (by validation loss), the
/// ones early stopping restores; without, the last completed epoch's. Training that is cancelled or diverges returns
/// them, so the model always holds the weights its history names: never the half-updated weights of an unfinished epoch.
/// </remarks>
internal sealed class TrainingRun(
    TrainerSettings settings, Network network, LayerFreezing freezing, ILoss loss, TrainingData train, int[] trainRows,
    TrainingData? validation, int[] validationRows, Action<EpochReport>? progress, CancellationToken cancellation)
{
    private const int ShuffleStream = 3, DropoutStream = 4;
    private readonly int _threads = settings.EffectiveThreads;
    private readonly TrainingHistory _history = new()
    {
        MetricName = loss.MetricName, TrainingRows = trainRows.Length, ValidationRows = validationRows.Length,
    };
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DivergenceMonitor _divergence = new();
    private readonly float[][] _kept = network.SnapshotParameters();
    private double _bestLoss = double.PositiveInfinity;

    public TrainingResult Execute()
    {
        int batchSize = Math.Min(settings.BatchSize, trainRows.Length);
        int stepsPerEpoch = (trainRows.Length + batchSize - 1) / batchSize;
        var batch = new BatchBuffer(batchSize, train.FeatureCount, train.TargetWidth);
        // The next mini-batch is gathered by the helpers while the caller computes the loss and the layers' serial passes.
        var nextBatch = new BatchBuffer(batchSize, train.FeatureCount, train.TargetWidth);
        try
        {
            return Epochs(batchSize, stepsPerEpoch, batch, nextBatch);
        }
        finally
        {
            batch.CompleteFill();
            nextBatch.CompleteFill();
        }
    }

    private TrainingResult Epochs(int batchSize, int stepsPerEpoch, BatchBuffer batch, BatchBuffer nextBatch)
    {
        var workspace = network.CreateWorkspace(batchSize);
        var outputGradient = new float[batchSize * network.OutputSize];
        var splitLoss = new RowSplitLoss(batchSize);
        var evaluator = validation is null ? null : new NetworkEvaluator(network, loss, train.FeatureCount, train.TargetWidth, _threads, inTrainingRun: true);
        var optimizer = settings.Optimizer.Create();
        var schedule = settings.Schedule.Create();
        var shuffleRandom = DeterministicRandom.ForStream(settings.Seed, ShuffleStream);
        var trainingMode = new ForwardMode(true, DeterministicRandom.ForStream(settings.Seed, DropoutStream), _threads) { InTrainingRun = true };
        int[] order = (int[])trainRows.Clone();
        int epochsWithoutImprovement = 0;
        var annealing = new StopAnnealing(settings.EarlyStoppingAnnealingEpochs);
        using var cancellableProducts = GemmCancellation.Use(cancellation);
        // The helper threads stay with this run from the first step to the last, spinning between the phases of a step
        // (products, element-wise passes, the update), so a phase is handed to them without waking a thread.
        using var team = ComputeTeam.Enter(_threads);
        // The step's fine-tuning hooks (see docs/fine-tuning.md): the freezing decides which parameter gradients are
        // computed and which parameters the adjustments and the optimizer see; the pruning masks tighten on their
        // schedule, zero the pruned weights' gradients before the optimizer and the pruned weights after it.
        var parameters = freezing.Parameters;
        var proximal = settings.Proximal is { } anchor ? freezing.Restrict(anchor) : null;
        var pruning = settings.Pruning is { } pruningSettings ? new PruningMasks(network, pruningSettings, stepsPerEpoch) : null;
        // Built-in optimizers take the adjustments, the update and the re-zeroing in one split pass (null: the separate ones).
        var fusedUpdate = ParameterUpdate.For(parameters, optimizer, settings.L2Penalty, proximal, pruning, settings.GradientClipNorm, _threads);

        for (int epoch = 1; epoch <= settings.MaxEpochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            shuffleRandom.Shuffle(order);
            double lossSum = 0;
            float rate = settings.LearningRate;
            for (int step = 0; step < stepsPerEpoch; step++)
            {
                if (cancellation.IsCancellationRequested) return Cancelled(epoch, step, stepsPerEpoch);
                var rows = order.AsSpan(step * batchSize, Math.Min(batchSize, order.Length - step * batchSize));
                double batchLoss;
                pruning?.BeginStep((long)(epoch - 1) * stepsPerEpoch + step);
                try
                {
                    if (step == 0)
                    {
                        batch.Fill(train, rows, _threads);
                    }
                    else
                    {
                        (batch, nextBatch) = (nextBatch, batch); // gathered during the previous step
                    }
                    var outputs = network.Forward(batch.Features, workspace, rows.Length, trainingMode);
                    if (step + 1 < stepsPerEpoch)
                    {
                        int next = (step + 1) * batchSize;
                        nextBatch.StartFill(train, order, next, Math.Min(batchSize, order.Length - next), _threads);
                    }
                    batchLoss = splitLoss.Compute(loss, outputs, batch.Targets, batch.Weights, rows.Length, outputGradient, _threads);
                    if (_divergence.CheckStep(batchLoss) is { } reason) return Diverged(epoch, rate, reason);
                    network.Backward(batch.Features, workspace, outputGradient, rows.Length, _threads, freezing);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    return Cancelled(epoch, step, stepsPerEpoch);
                }
                lossSum += batchLoss * rows.Length;
                nextBatch.CompleteFill(); // usually done: a product finishes background work before it splits
                rate = annealing.Rate(schedule.Rate(new ScheduleContext(settings.LearningRate, epoch - 1, step, stepsPerEpoch, settings.MaxEpochs)),
                    epoch, step, stepsPerEpoch);
                if (fusedUpdate is not null)
                {
                    fusedUpdate.Apply(rate);
                    continue;
                }
                GradientAdjustments.AddL2Penalty(parameters, settings.L2Penalty);
                if (proximal is not null) GradientAdjustments.AddProximalTerm(parameters, proximal);
                pruning?.MaskGradients();
                if (settings.GradientClipNorm is float clip) GradientAdjustments.ClipByGlobalNorm(parameters, clip);
                optimizer.Step(parameters, rate);
                pruning?.ApplyToWeights();
            }

            double trainLoss = lossSum / order.Length;
            if (_divergence.CheckEpoch(trainLoss, parameters, optimizer) is { } diverged) return Diverged(epoch, rate, diverged);
            double? validationLoss = null, validationMetric = null;
            if (evaluator is not null)
            {
                try
                {
                    (validationLoss, validationMetric) = evaluator.Evaluate(validation!, validationRows);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    return Cancelled(epoch, stepsPerEpoch, stepsPerEpoch);
                }
                if (!double.IsFinite(validationLoss.Value)) return Diverged(epoch, rate, "the validation loss became NaN or infinite");
            }

            // While pruning is still raising the sparsity no epoch can be the best (keeping one would undo pruning), and
            // none counts against the patience.
            bool eligible = pruning?.ReachedTarget ?? true;
            bool improved = eligible && validationLoss is double monitored && monitored < _bestLoss - settings.EarlyStoppingMinDelta;
            if (improved || validation is null) Keep(epoch);
            if (improved) _bestLoss = validationLoss!.Value;
            epochsWithoutImprovement = improved || !eligible ? 0 : epochsWithoutImprovement + 1;
            schedule.ObserveEpoch(validationLoss ?? trainLoss);
            var report = new EpochReport(epoch, trainLoss, validationLoss, validationMetric, rate, epochClock.Elapsed.TotalSeconds, improved);
            _history.Add(report);
            progress?.Invoke(report);

            if (annealing.Done(epoch))
                return Finish(StopReason.EarlyStopped, $"Stopped early after epoch {epoch}: the validation loss had not improved for {settings.EarlyStoppingPatience} epochs by epoch {annealing.StartEpoch}, and the learning rate then fell to 0 over {annealing.Epochs} epochs; the model holds {KeptWeights()}.");
            if (!annealing.Active && evaluator is not null && settings.EarlyStoppingPatience > 0 && epochsWithoutImprovement >= settings.EarlyStoppingPatience)
            {
                if (!annealing.ShouldBegin(epoch, settings.MaxEpochs))
                    return Finish(StopReason.EarlyStopped, $"Stopped early after epoch {epoch}: the validation loss had not improved for {settings.EarlyStoppingPatience} epochs; the model holds {KeptWeights()}.");
                annealing.Begin(epoch, rate);
            }
        }
        return Finish(StopReason.MaxEpochsReached, $"Trained all {_history.Epochs.Count} epochs; the model holds {KeptWeights()}.");
    }

    /// <summary>Makes the current weights the ones training returns if it stops now (the copy reuses one buffer).</summary>
    private void Keep(int epoch)
    {
        network.CopyParametersTo(_kept);
        _history.BestEpoch = epoch;
    }

    private string KeptWeights() => _history.BestEpoch == 0
        ? "its initial, untrained weights (no epoch completed)"
        : validation is not null
            ? $"the weights of epoch {_history.BestEpoch}, the best by validation loss"
            : $"the weights of epoch {_history.BestEpoch}, the last one completed";

    private TrainingResult Cancelled(int epoch, int stepsDone, int stepsPerEpoch) =>
        Finish(StopReason.Cancelled, $"Training was cancelled during epoch {epoch}, after {stepsDone} of its {stepsPerEpoch} mini-batches; the model holds {KeptWeights()}.");

    private TrainingResult Diverged(int epoch, float rate, string reason)
    {
        if (_history.BestEpoch == 0) throw new TrainingDivergedException(epoch, rate, reason);
        return Finish(StopReason.Diverged, $"Training diverged in epoch {epoch} at learning rate {rate}: {reason}. The model holds {KeptWeights()}. {TrainingDivergedException.Advice}");
    }

    private TrainingResult Finish(StopReason reason, string message)
    {
        network.RestoreParameters(_kept);
        _history.StopReason = reason;
        _history.StartingLoss = _divergence.StartingLoss;
        if (_history.LearnedNothing)
        {
            message += FormattableString.Invariant(
                $" Its training loss ({_history.Epochs[_history.BestEpoch - 1].TrainLoss:G4}) is no lower than the untrained network's ({_history.StartingLoss:G4}): the model learned nothing.") +
                " Check that the label is the right column and the features carry signal, and lower the learning rate.";
        }
        _history.StopMessage = message;
        _history.TotalSeconds = _clock.Elapsed.TotalSeconds;
        return new TrainingResult(network, _history);
    }
}

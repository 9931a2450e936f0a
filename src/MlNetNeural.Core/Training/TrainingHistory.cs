namespace MlNetNeural.Core.Training;

/// <summary>Why training ended.</summary>
public enum StopReason
{
    /// <summary>All epochs ran.</summary>
    MaxEpochsReached,
    /// <summary>The validation loss stopped improving; the best epoch's weights were restored.</summary>
    EarlyStopped,
    /// <summary>The caller cancelled; the model holds the weights <see cref="TrainingHistory.BestEpoch"/> names (never those of the unfinished epoch).</summary>
    Cancelled,
    /// <summary>Training diverged (see <see cref="TrainingHistory.StopMessage"/> for how it showed); the model holds the weights <see cref="TrainingHistory.BestEpoch"/> names.</summary>
    Diverged,
}

/// <summary>What one epoch did.</summary>
/// <param name="Epoch">Epoch number, counted from 1.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's mini-batches.</param>
/// <param name="ValidationLoss">Loss on the validation rows after the epoch, or null without validation.</param>
/// <param name="ValidationMetric">The loss's metric (accuracy or RMSE) on the validation rows, or null.</param>
/// <param name="LearningRate">Learning rate at the epoch's last step.</param>
/// <param name="Seconds">Wall-clock seconds the epoch took, validation included.</param>
/// <param name="IsBest">True when this epoch's validation loss is the best so far (the weights early stopping keeps); always false without validation data.</param>
public sealed record EpochReport(int Epoch, double TrainLoss, double? ValidationLoss, double? ValidationMetric, float LearningRate, double Seconds, bool IsBest)
{
    /// <summary>The ensemble member this epoch trained, from 1 (see <see cref="NetworkTrainer.TrainEnsemble"/>); 1 outside ensembles. Progress only: histories are not saved with it.</summary>
    public int Member { get; init; } = 1;
}

/// <summary>The per-epoch record of a training run, and how it ended.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> _epochs = [];

    /// <summary>One report per completed epoch, in order.</summary>
    public IReadOnlyList<EpochReport> Epochs => _epochs;

    /// <summary>Training loss per epoch.</summary>
    public IReadOnlyList<double> TrainLoss => _epochs.Select(e => e.TrainLoss).ToArray();

    /// <summary>Validation loss per epoch (empty without validation).</summary>
    public IReadOnlyList<double> ValidationLoss => _epochs.Where(e => e.ValidationLoss.HasValue).Select(e => e.ValidationLoss!.Value).ToArray();

    /// <summary>Name of the validation metric ("accuracy" or "rmse").</summary>
    public string MetricName { get; internal set; } = "";

    /// <summary>
    /// The epoch (from 1) whose weights the model holds: with validation data the best by validation loss, without it the
    /// last one completed; 0 when the model holds its initial weights (training stopped before an epoch completed).
    /// </summary>
    public int BestEpoch { get; internal set; }

    /// <summary>Why training ended.</summary>
    public StopReason StopReason { get; internal set; }

    /// <summary>A sentence for the user about how training ended.</summary>
    public string StopMessage { get; internal set; } = "";

    /// <summary>Rows used for training (after any validation split).</summary>
    public int TrainingRows { get; internal set; }

    /// <summary>Rows used for validation (0 without validation).</summary>
    public int ValidationRows { get; internal set; }

    /// <summary>Total wall-clock training time in seconds.</summary>
    public double TotalSeconds { get; internal set; }

    /// <summary>
    /// The loss of the untrained network on its first mini-batch: the reference of the divergence check and of
    /// <see cref="LearnedNothing"/>. NaN when unknown (models saved by MlNetNeural 0.1.0).
    /// </summary>
    public double StartingLoss { get; internal set; } = double.NaN;

    /// <summary>
    /// True when the epoch the model holds has a training loss no lower than <see cref="StartingLoss"/>: training did not
    /// improve on the untrained network (a learning rate far too large, a label without signal). <see cref="StopMessage"/> says so.
    /// </summary>
    public bool LearnedNothing => double.IsFinite(StartingLoss) && KeptEpoch is { } kept && kept.TrainLoss >= StartingLoss;

    /// <summary>The report of the epoch whose weights the model holds (<see cref="BestEpoch"/>), or null when it holds its initial weights.</summary>
    public EpochReport? KeptEpoch => BestEpoch > 0 && BestEpoch <= _epochs.Count ? _epochs[BestEpoch - 1] : null;

    internal void Add(EpochReport report) => _epochs.Add(report);

    /// <summary>Rebuilds a history saved with a model (see the model file formats).</summary>
    /// <param name="metricName">Name of the validation metric.</param>
    /// <param name="bestEpoch">The epoch whose weights the model holds, or 0.</param>
    /// <param name="stopReason">Why training ended.</param>
    /// <param name="stopMessage">The sentence about how training ended.</param>
    /// <param name="trainingRows">Rows used for training.</param>
    /// <param name="validationRows">Rows used for validation.</param>
    /// <param name="totalSeconds">Total training time in seconds.</param>
    /// <param name="epochs">The per-epoch reports, in order.</param>
    /// <param name="startingLoss">The untrained network's loss on its first mini-batch, or NaN when unknown.</param>
    public static TrainingHistory Restore(string metricName, int bestEpoch, StopReason stopReason, string stopMessage,
        int trainingRows, int validationRows, double totalSeconds, IEnumerable<EpochReport> epochs, double startingLoss = double.NaN)
    {
        var history = new TrainingHistory
        {
            MetricName = metricName, BestEpoch = bestEpoch, StopReason = stopReason, StopMessage = stopMessage,
            TrainingRows = trainingRows, ValidationRows = validationRows, TotalSeconds = totalSeconds, StartingLoss = startingLoss,
        };
        history._epochs.AddRange(epochs);
        return history;
    }
}

/// <summary>A trained network and the record of how it was trained.</summary>
/// <param name="Network">The network, holding the best weights found.</param>
/// <param name="History">The per-epoch history.</param>
public sealed record TrainingResult(Layers.Network Network, TrainingHistory History);

namespace MlNetNeural.Reports;

/// <summary>
/// Per-epoch record of one training run. Index <c>i</c> of every array is epoch <c>i + 1</c>.
/// </summary>
public sealed class TrainingHistory
{
    /// <summary>Creates a history and checks that all given arrays cover the same epochs.</summary>
    /// <param name="trainLoss">Training loss after each epoch (at least one epoch).</param>
    /// <param name="validationLoss">Validation loss after each epoch, or <c>null</c> when no validation set was used.</param>
    /// <param name="validationMetric">A validation metric after each epoch (e.g. AUC), or <c>null</c>.</param>
    /// <param name="validationMetricName">Name of <paramref name="validationMetric"/>, e.g. "AUC"; required when it is given.</param>
    /// <param name="bestEpoch">1-based epoch whose weights were kept (early stopping), or <c>null</c>.</param>
    /// <param name="lossDescription">What the loss values are (function, logarithm base, weighting), shown under the loss chart; <c>null</c> to say nothing.</param>
    public TrainingHistory(
        IReadOnlyList<double> trainLoss,
        IReadOnlyList<double>? validationLoss = null,
        IReadOnlyList<double>? validationMetric = null,
        string? validationMetricName = null,
        int? bestEpoch = null,
        string? lossDescription = null)
    {
        ArgumentNullException.ThrowIfNull(trainLoss);
        if (trainLoss.Count == 0)
            throw new ArgumentException("The training history needs the training loss of at least one epoch.", nameof(trainLoss));
        RequireSameLength(validationLoss, trainLoss.Count, nameof(validationLoss));
        RequireSameLength(validationMetric, trainLoss.Count, nameof(validationMetric));
        if (validationMetric is not null && string.IsNullOrWhiteSpace(validationMetricName))
            throw new ArgumentException("Name the validation metric (e.g. \"AUC\") when per-epoch validation metric values are given.", nameof(validationMetricName));
        if (bestEpoch is { } best && (best < 1 || best > trainLoss.Count))
            throw new ArgumentOutOfRangeException(nameof(bestEpoch), best, $"The best epoch is 1-based and must lie in 1..{trainLoss.Count} (the number of recorded epochs).");

        TrainLoss = trainLoss.ToArray();
        ValidationLoss = validationLoss?.ToArray();
        ValidationMetric = validationMetric?.ToArray();
        ValidationMetricName = validationMetric is null ? null : validationMetricName;
        BestEpoch = bestEpoch;
        LossDescription = string.IsNullOrWhiteSpace(lossDescription) ? null : lossDescription;
    }

    /// <summary>Training loss per epoch.</summary>
    public IReadOnlyList<double> TrainLoss { get; }

    /// <summary>Validation loss per epoch, or <c>null</c>.</summary>
    public IReadOnlyList<double>? ValidationLoss { get; }

    /// <summary>Validation metric per epoch, or <c>null</c>.</summary>
    public IReadOnlyList<double>? ValidationMetric { get; }

    /// <summary>Name of <see cref="ValidationMetric"/>, or <c>null</c> when there is none.</summary>
    public string? ValidationMetricName { get; }

    /// <summary>1-based epoch whose weights were kept, or <c>null</c>.</summary>
    public int? BestEpoch { get; }

    /// <summary>
    /// What the loss values are, e.g. "binary cross-entropy in nats, class-weighted", so a reader does not compare them
    /// with a metric on another scale; <c>null</c> when not given.
    /// </summary>
    public string? LossDescription { get; }

    /// <summary>Number of recorded epochs.</summary>
    public int EpochCount => TrainLoss.Count;

    private static void RequireSameLength(IReadOnlyList<double>? values, int epochCount, string parameterName)
    {
        if (values is not null && values.Count != epochCount)
            throw new ArgumentException(
                $"'{parameterName}' has {values.Count} values but the training loss has {epochCount}; every per-epoch array must cover the same epochs.",
                parameterName);
    }
}

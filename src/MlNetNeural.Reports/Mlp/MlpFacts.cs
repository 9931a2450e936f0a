using System.Globalization;
using MlNetNeural.Transformers;
using CoreHistory = MlNetNeural.Core.Training.TrainingHistory;

namespace MlNetNeural.Reports.Mlp;

/// <summary>What a trained MLP records about itself, in the report's terms.</summary>
internal static class MlpFacts
{
    /// <summary>The trainer that produced the transformer, e.g. "MlpBinaryTrainer" for an MlpBinaryPredictionTransformer.</summary>
    public static string TrainerName(MlpPredictionTransformer mlp) => mlp.GetType().Name.Replace("PredictionTransformer", "Trainer", StringComparison.Ordinal);

    /// <summary>
    /// The report's training history: per-epoch training loss, validation loss and validation metric when every
    /// epoch has them, and the epoch whose weights were kept when a validation set chose it (without validation
    /// the model simply holds the last epoch's weights, so no epoch is marked).
    /// </summary>
    /// <param name="history">The MLP's recorded history.</param>
    /// <param name="lossDescription">What the loss values are, shown under the loss chart.</param>
    public static TrainingHistory? ToReportHistory(CoreHistory history, string? lossDescription = null)
    {
        var epochs = history.Epochs;
        if (epochs.Count == 0) return null;
        var validationLoss = epochs.All(e => e.ValidationLoss.HasValue) ? epochs.Select(e => e.ValidationLoss!.Value).ToArray() : null;
        var validationMetric = epochs.All(e => e.ValidationMetric.HasValue) ? epochs.Select(e => e.ValidationMetric!.Value).ToArray() : null;
        return new TrainingHistory(
            epochs.Select(e => e.TrainLoss).ToArray(),
            validationLoss,
            validationMetric,
            validationMetric is null ? null : history.MetricName,
            validationLoss is not null && history.BestEpoch is >= 1 and var best && best <= epochs.Count ? best : null,
            lossDescription);
    }

    /// <summary>
    /// The seed training used. The trainer records it as the "Seed" option's text: the number, followed by
    /// " (from the MLContext)" when it was drawn from the context.
    /// </summary>
    public static int? Seed(IReadOnlyList<KeyValuePair<string, string>> options)
    {
        var text = options.FirstOrDefault(option => option.Key == "Seed").Value;
        if (text is null) return null;
        var digits = text.TrimStart().Split(' ', 2)[0];
        return int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : null;
    }
}

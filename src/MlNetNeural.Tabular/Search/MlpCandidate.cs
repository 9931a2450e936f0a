using System.Globalization;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Schedules;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tabular;

/// <summary>
/// One configuration the search tries: the values drawn from an <see cref="MlpSearchSpace"/>, or the Mlp's defaults
/// (<see cref="DefaultsFor"/>, always the first candidate). Every option not named here keeps its default.
/// </summary>
/// <param name="HiddenLayers">Units per hidden layer.</param>
/// <param name="Dropout">Dropout after each hidden layer.</param>
/// <param name="LearningRate">The optimizer's step.</param>
/// <param name="WeightDecay">AdamW's decoupled weight decay (null for the defaults, which use their own optimizer and L2 penalty).</param>
/// <param name="BatchSize">Rows per mini-batch.</param>
/// <param name="PeriodicEmbeddings">Periodic embeddings of the numeric features (null: the trainer's automatic choice, as the defaults leave it).</param>
/// <param name="Schedule">The learning-rate schedule.</param>
/// <param name="BalanceClasses">Classification only: weight each class by rows / (classes × its rows), so that every class weighs the same in
/// the loss, as macro accuracy weighs every class the same (binary: <c>PositiveClassWeight</c> = negatives / positives).</param>
/// <param name="TopColumns">Train on this many of the numeric, date and categorical columns only, those most informative about the label on
/// the training rows (<see cref="ColumnRelevance"/>; free-text columns are always kept); null trains on every column.</param>
/// <param name="EmbeddingLearningRateFactor">The periodic embeddings' learning-rate factor (<c>PeriodicEmbeddingLearningRateFactor</c>); null keeps the trainer's default.</param>
public sealed record MlpCandidate(IReadOnlyList<int> HiddenLayers, float Dropout, float LearningRate, float? WeightDecay, int BatchSize,
    bool? PeriodicEmbeddings, LearningRateScheduleKind Schedule, bool BalanceClasses = false, int? TopColumns = null, float? EmbeddingLearningRateFactor = null)
{
    /// <summary>Whether this is the Mlp's defaults, applied unchanged.</summary>
    public bool IsDefaults { get; private init; }

    /// <summary>The Mlp's defaults for a task as they are now (read from a fresh options object: nothing is copied here).</summary>
    /// <param name="task">The task.</param>
    public static MlpCandidate DefaultsFor(TabularTask task)
    {
        var options = MlpTrainerFactory.NewOptions(task);
        return new MlpCandidate([.. options.HiddenLayers], options.Dropout, options.LearningRate, null, options.BatchSize,
            options.PeriodicEmbeddings, options.ResolveLearningRateSchedule()) { IsDefaults = true };
    }

    /// <summary>Sets the candidate's values on <paramref name="options"/> (nothing for the defaults).</summary>
    /// <param name="options">Fresh trainer options.</param>
    /// <param name="classCounts">Training rows per class in key order (binary: negatives, positives), for <see cref="BalanceClasses"/>; null for regression.</param>
    public void ApplyTo(MlpTrainerOptions options, IReadOnlyList<long>? classCounts = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsDefaults) return;
        options.HiddenLayers = [.. HiddenLayers];
        options.Dropout = Dropout;
        options.LearningRate = LearningRate;
        options.Optimizer = OptimizerKind.AdamW;
        options.WeightDecay = WeightDecay ?? options.WeightDecay;
        options.L2Penalty = 0f;
        options.BatchSize = BatchSize;
        options.PeriodicEmbeddings = PeriodicEmbeddings;
        options.LearningRateSchedule = Schedule;
        if (EmbeddingLearningRateFactor is { } factor) options.PeriodicEmbeddingLearningRateFactor = factor;
        if (!BalanceClasses || classCounts is null || classCounts.Any(c => c == 0)) return;
        long rows = classCounts.Sum();
        switch (options)
        {
            case MlpBinaryTrainer.Options binary:
                binary.PositiveClassWeight = (float)((double)classCounts[0] / classCounts[1]);
                break;
            case MlpMulticlassTrainer.Options multiclass:
                multiclass.ClassWeights = [.. classCounts.Select(c => (float)(rows / ((double)classCounts.Count * c)))];
                break;
        }
    }

    /// <summary>One line, e.g. <c>[128, 128] dropout 0.15 lr 0.0023 AdamW wd 3.1e-4 batch 64 periodic (embedding lr ×1.7) cosine balanced top 12 columns</c>; the defaults say so.</summary>
    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"[{string.Join(", ", HiddenLayers)}] dropout {Dropout:0.##} lr {LearningRate:G2} {(WeightDecay is { } wd ? $"AdamW wd {wd:G2}" : "(default optimizer)")} batch {BatchSize}");
        if (PeriodicEmbeddings != false) text += PeriodicEmbeddings is null ? " periodic (automatic)" : " periodic";
        if (EmbeddingLearningRateFactor is { } factor) text += string.Create(CultureInfo.InvariantCulture, $" (embedding lr ×{factor:0.##})");
        if (Schedule != LearningRateScheduleKind.Constant) text += Schedule == LearningRateScheduleKind.CosineWithWarmup ? " cosine" : $" {Schedule}";
        if (BalanceClasses) text += " balanced";
        if (TopColumns is { } top) text += $" top {top} columns";
        return IsDefaults ? $"defaults {text}" : text;
    }
}

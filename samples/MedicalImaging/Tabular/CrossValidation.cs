using System.Globalization;
using MedicalImaging.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Samples;

namespace MedicalImaging.Tabular;

/// <summary>What one outer fold produced for one model family.</summary>
/// <param name="Metrics">Test-fold metrics.</param>
/// <param name="ChosenSettings">The settings the inner cross-validation chose.</param>
/// <param name="Model">The model fitted on the whole training part.</param>
/// <param name="TestRows">The fold's held-out rows (indices into the table).</param>
/// <param name="Repeat">Which repetition of the k-fold partition (0 = the first) the fold belongs to.</param>
/// <param name="TestProbabilities">The model's probability of the positive class for each of <paramref name="TestRows"/>.</param>
public sealed record FoldOutcome(BinaryMetrics Metrics, string ChosenSettings, ITransformer Model, int[] TestRows, int Repeat, float[] TestProbabilities);

/// <summary>Every fold's outcome for one model family.</summary>
/// <param name="Family">The model family.</param>
/// <param name="Folds">One outcome per outer fold and repeat, repeat by repeat.</param>
public sealed record FamilyResult(ModelFamily Family, IReadOnlyList<FoldOutcome> Folds);

/// <summary>
/// Stratified k-fold cross-validation where the test fold is used for nothing but the final metrics.
/// Inside each fold, an inner stratified cross-validation of the training part gives out-of-fold
/// probabilities for every training case; they choose the settings (lowest log-loss) and the threshold
/// that reaches the target sensitivity. The chosen settings are then fitted on the whole training part
/// and scored on the test fold with that threshold. The whole k-fold partition is repeated with new
/// seeds (repeated CV) to average out the luck of one partition; folds run in parallel, each with its
/// own MLContext and seeded models, so the results do not depend on the number of cores.
/// </summary>
/// <param name="table">The data set.</param>
/// <param name="settings">Folds, repeats, target sensitivity, seed.</param>
/// <param name="progress">Receives one line per finished fold (from the thread that ran it, one call at a time); null for none.</param>
public sealed class CrossValidation(LabeledTable table, CrossValidationSettings settings, Action<string>? progress = null)
{
    private readonly Lock _progressLock = new();

    /// <summary>Runs every fold of every repeat for <paramref name="family"/>.</summary>
    public FamilyResult Evaluate(ModelFamily family)
    {
        var rows = Enumerable.Range(0, table.Rows).ToArray();
        var folds = Enumerable.Range(0, settings.Repeats)
            .SelectMany(repeat => StratifiedFolds.Split(rows, table.Labels, settings.Folds, settings.Seed + repeat)
                .Select((fold, index) => (fold.Train, fold.Test, repeat, index)))
            .ToArray();
        var outcomes = new FoldOutcome[folds.Length];
        int finished = 0;
        Parallel.For(0, folds.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var outcome = EvaluateFold(new MLContext(settings.Seed + i), family, folds[i].Train, folds[i].Test, folds[i].repeat);
            outcomes[i] = outcome;
            lock (_progressLock)
            {
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"{family.Name}: {++finished}/{folds.Length} folds done (repeat {folds[i].repeat + 1}, fold {folds[i].index + 1}: AUC {outcome.Metrics.Auc:F3}, threshold {outcome.Metrics.Threshold:F3})"));
            }
        });
        return new FamilyResult(family, outcomes);
    }

    private FoldOutcome EvaluateFold(MLContext ml, ModelFamily family, int[] train, int[] test, int repeat)
    {
        bool[] trainLabels = train.Select(i => table.Labels[i]).ToArray();
        var candidates = family.Settings
            .Select(candidate => (candidate, outOfFold: OutOfFoldProbabilities(ml, candidate, train)))
            .ToList();
        var (chosen, heldOut) = candidates.MinBy(c => LogLoss(c.outOfFold, trainLabels));
        float threshold = OperatingPoint.ThresholdFor(heldOut, trainLabels, settings.TargetSensitivity);
        var model = chosen.Create(ml).Fit(table.ToDataView(ml, train));
        float[] probabilities = Probabilities(ml, model, test);
        var metrics = BinaryMetrics.Evaluate(ml, probabilities, test.Select(i => table.Labels[i]).ToArray(), threshold);
        return new FoldOutcome(metrics, chosen.Name, model, test, repeat, probabilities);
    }

    /// <summary>Probabilities of every row in <paramref name="train"/>, each from a model that did not see it.</summary>
    private float[] OutOfFoldProbabilities(MLContext ml, PipelineSettings candidate, int[] train)
    {
        var probabilities = new float[train.Length];
        var position = train.Select((row, p) => (row, p)).ToDictionary(x => x.row, x => x.p);
        foreach (var (innerTrain, innerTest) in StratifiedFolds.Split(train, train.Select(row => table.Labels[row]).ToArray(), settings.InnerFolds, settings.Seed + 1))
        {
            var model = candidate.Create(ml).Fit(table.ToDataView(ml, innerTrain));
            float[] scored = Probabilities(ml, model, innerTest);
            for (int i = 0; i < innerTest.Length; i++) probabilities[position[innerTest[i]]] = scored[i];
        }
        return probabilities;
    }

    private float[] Probabilities(MLContext ml, ITransformer model, int[] rows) =>
        model.Transform(table.ToDataView(ml, rows)).GetColumn<float>("Probability").ToArray();

    private static double LogLoss(float[] probabilities, bool[] labels) =>
        probabilities.Select((p, i) => -Math.Log(Math.Clamp(labels[i] ? p : 1 - p, 1e-7, 1))).Average();
}

/// <summary>How the cross-validation runs.</summary>
/// <param name="Folds">Outer folds (default 5).</param>
/// <param name="InnerFolds">Inner folds on each training part, for the settings and the threshold (default 3).</param>
/// <param name="TargetSensitivity">Sensitivity the threshold must reach on the inner held-out predictions (default 0.98).</param>
/// <param name="Repeats">Times the k-fold partition is redrawn (seeds Seed, Seed + 1, ...); default 3.</param>
/// <param name="Seed">Seed of the first fold assignment.</param>
public sealed record CrossValidationSettings(int Folds = 5, int InnerFolds = 3, double TargetSensitivity = 0.98, int Repeats = 3, int Seed = 1);

using MedicalImaging.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace MedicalImaging.Tabular;

/// <summary>What one outer fold produced for one model family.</summary>
/// <param name="Metrics">Test-fold metrics.</param>
/// <param name="ChosenSettings">The settings the inner cross-validation chose.</param>
/// <param name="Model">The model fitted on the whole training part.</param>
/// <param name="TestRows">The fold's held-out rows (indices into the table).</param>
public sealed record FoldOutcome(BinaryMetrics Metrics, string ChosenSettings, ITransformer Model, int[] TestRows);

/// <summary>Every fold's outcome for one model family.</summary>
/// <param name="Family">The model family.</param>
/// <param name="Folds">One outcome per outer fold.</param>
public sealed record FamilyResult(ModelFamily Family, IReadOnlyList<FoldOutcome> Folds);

/// <summary>
/// Stratified k-fold cross-validation where the test fold is used for nothing but the final metrics.
/// Inside each fold, an inner stratified cross-validation of the training part gives out-of-fold
/// probabilities for every training case; they choose the settings (lowest log-loss) and the threshold
/// that reaches the target sensitivity. The chosen settings are then fitted on the whole training part
/// and scored on the test fold with that threshold.
/// </summary>
public sealed class CrossValidation(MLContext ml, LabeledTable table, CrossValidationSettings settings)
{
    /// <summary>Runs every fold for <paramref name="family"/>.</summary>
    public FamilyResult Evaluate(ModelFamily family)
    {
        var rows = Enumerable.Range(0, table.Rows).ToArray();
        var folds = StratifiedFolds.Split(rows, table.Labels, settings.Folds, settings.Seed)
            .Select(fold => EvaluateFold(family, fold.Train, fold.Test))
            .ToList();
        return new FamilyResult(family, folds);
    }

    private FoldOutcome EvaluateFold(ModelFamily family, int[] train, int[] test)
    {
        bool[] trainLabels = train.Select(i => table.Labels[i]).ToArray();
        var candidates = family.Settings
            .Select(candidate => (candidate, outOfFold: OutOfFoldProbabilities(candidate, train)))
            .ToList();
        var (chosen, heldOut) = candidates.MinBy(c => LogLoss(c.outOfFold, trainLabels));
        float threshold = OperatingPoint.ThresholdFor(heldOut, trainLabels, settings.TargetSensitivity);
        var model = chosen.Create(ml).Fit(table.ToDataView(ml, train));
        float[] probabilities = Probabilities(model, test);
        var metrics = BinaryMetrics.Compute(probabilities, test.Select(i => table.Labels[i]).ToArray(), threshold);
        return new FoldOutcome(metrics, chosen.Name, model, test);
    }

    /// <summary>Probabilities of every row in <paramref name="train"/>, each from a model that did not see it.</summary>
    private float[] OutOfFoldProbabilities(PipelineSettings candidate, int[] train)
    {
        var probabilities = new float[train.Length];
        var position = train.Select((row, p) => (row, p)).ToDictionary(x => x.row, x => x.p);
        foreach (var (innerTrain, innerTest) in StratifiedFolds.Split(train, table.Labels, settings.InnerFolds, settings.Seed + 1))
        {
            var model = candidate.Create(ml).Fit(table.ToDataView(ml, innerTrain));
            float[] scored = Probabilities(model, innerTest);
            for (int i = 0; i < innerTest.Length; i++) probabilities[position[innerTest[i]]] = scored[i];
        }
        return probabilities;
    }

    private float[] Probabilities(ITransformer model, int[] rows) =>
        model.Transform(table.ToDataView(ml, rows)).GetColumn<float>("Probability").ToArray();

    private static double LogLoss(float[] probabilities, bool[] labels) =>
        probabilities.Select((p, i) => -Math.Log(Math.Clamp(labels[i] ? p : 1 - p, 1e-7, 1))).Average();
}

/// <summary>How the cross-validation runs.</summary>
/// <param name="Folds">Outer folds (default 5).</param>
/// <param name="InnerFolds">Inner folds on each training part, for the settings and the threshold (default 3).</param>
/// <param name="TargetSensitivity">Sensitivity the threshold must reach on the inner held-out predictions (default 0.98).</param>
/// <param name="Seed">Seed of the fold assignment.</param>
public sealed record CrossValidationSettings(int Folds = 5, int InnerFolds = 3, double TargetSensitivity = 0.98, int Seed = 1);

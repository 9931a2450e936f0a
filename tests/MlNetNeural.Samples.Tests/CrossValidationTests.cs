using System.Collections.Concurrent;
using MedicalImaging.Evaluation;
using MedicalImaging.Tabular;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Samples;

namespace MlNetNeural.Samples.Tests;

/// <summary>The sample's cross-validation never fits on a test fold, and picks settings on held-out training predictions.</summary>
public class CrossValidationTests
{
    private const int Rows = 80;

    [Fact]
    public void EveryFitSeesOnlyTheTrainingPartOfItsOuterFold()
    {
        var table = SyntheticTable();
        var settings = new CrossValidationSettings(Folds: 4, InnerFolds: 3, Repeats: 2, Seed: 7);
        var fits = new ConcurrentBag<HashSet<int>>();
        var family = new ModelFamily("recorded", [new("logistic regression", ml => new RecordingEstimator(ml, fits))]);

        var result = new CrossValidation(table, settings).Evaluate(family);

        var rows = Enumerable.Range(0, Rows).ToArray();
        var trainingParts = Enumerable.Range(0, settings.Repeats)
            .SelectMany(repeat => StratifiedFolds.Split(rows, table.Labels, settings.Folds, settings.Seed + repeat))
            .Select(fold => fold.Train.ToHashSet()).ToList();
        Assert.Equal(settings.Folds * settings.Repeats, result.Folds.Count);
        Assert.Equal(settings.Folds * settings.Repeats * (settings.InnerFolds + 1), fits.Count);
        Assert.All(fits, fitted => Assert.Contains(trainingParts, part => fitted.IsSubsetOf(part)));
        Assert.All(result.Folds, fold => Assert.True(fold.Metrics.Auc > 0.9, $"AUC {fold.Metrics.Auc} on an easy table."));
    }

    [Fact]
    public void TheSettingWithTheLowerHeldOutLogLossIsChosen()
    {
        var table = SyntheticTable();
        var family = new ModelFamily("two settings",
        [
            new("ignores the features", ml => ml.Transforms.CustomMapping<CaseFeatures, CaseFeatures>((_, output) => output.Features = new float[2], null)
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())),
            new("logistic regression", ml => ml.BinaryClassification.Trainers.LbfgsLogisticRegression()),
        ]);

        var result = new CrossValidation(table, new CrossValidationSettings(Folds: 3, Repeats: 1)).Evaluate(family);

        Assert.All(result.Folds, fold => Assert.Equal("logistic regression", fold.ChosenSettings));
    }

    /// <summary>Two features: the row index (to identify rows) and a value that separates the classes with a little overlap.</summary>
    private static LabeledTable SyntheticTable()
    {
        var random = new Random(3);
        bool[] labels = Enumerable.Range(0, Rows).Select(i => i % 3 == 0).ToArray();
        float[][] features = Enumerable.Range(0, Rows)
            .Select(i => new[] { i, (labels[i] ? 1f : -1f) + (float)random.NextDouble() * 1.5f - 0.75f }).ToArray();
        return new LabeledTable("synthetic", "yes", "no", ["row", "signal"], features, labels);
    }

    public sealed class CaseFeatures
    {
        [VectorType(2)]
        public float[] Features { get; set; } = [];
    }

    /// <summary>Logistic regression that records which rows (feature 0) every Fit call saw.</summary>
    private sealed class RecordingEstimator(MLContext ml, ConcurrentBag<HashSet<int>> fits) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input)
        {
            fits.Add(input.GetColumn<float[]>("Features").Select(f => (int)f[0]).ToHashSet());
            return ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(input);
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
            ml.BinaryClassification.Trainers.LbfgsLogisticRegression().GetOutputSchema(inputSchema);
    }
}

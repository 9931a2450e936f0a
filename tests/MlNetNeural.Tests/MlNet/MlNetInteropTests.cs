using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Trainers;

namespace MlNetNeural.Tests.MlNet;

/// <summary>The ML.NET features users rely on: PredictionEngine, CrossValidate, permutation feature importance, MapKeyToValue, cursors.</summary>
public class MlNetInteropTests(TrainedModels models) : IClassFixture<TrainedModels>
{
    private MLContext Ml => models.Ml;

    public sealed class CancerInput
    {
        [VectorType(Datasets.BreastCancerFeatures)]
        public float[] Features { get; set; } = [];
    }

    public sealed class BinaryOutput
    {
        public bool PredictedLabel { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
    }

    [Fact]
    public void PredictionEngineEqualsTransformRowByRow()
    {
        var scored = models.Binary.Transform(models.BreastCancer);
        var scores = scored.GetColumn<float>("Score").ToArray();
        var probabilities = scored.GetColumn<float>("Probability").ToArray();
        var labels = scored.GetColumn<bool>("PredictedLabel").ToArray();
        var engine = Ml.Model.CreatePredictionEngine<CancerInput, BinaryOutput>(models.Binary);
        var features = FeatureRows.Features(models.BreastCancer);
        for (int i = 0; i < features.Length; i++)
        {
            var prediction = engine.Predict(new CancerInput { Features = features[i] });
            Assert.Equal(scores[i], prediction.Score);
            Assert.Equal(probabilities[i], prediction.Probability);
            Assert.Equal(labels[i], prediction.PredictedLabel);
        }
    }

    [Fact]
    public void CursorsAreLazyIndependentAndRepeatable()
    {
        var scored = models.Binary.Transform(models.BreastCancer);
        var first = scored.GetColumn<float>("Score").ToArray();
        using var a = scored.GetRowCursor(scored.Schema);
        using var b = scored.GetRowCursor(scored.Schema);
        var getA = a.GetGetter<float>(scored.Schema["Score"]);
        var getB = b.GetGetter<float>(scored.Schema["Score"]);
        float va = 0, vb = 0;
        Assert.True(a.MoveNext() && a.MoveNext());
        Assert.True(b.MoveNext());
        getA(ref va);
        getB(ref vb);
        Assert.Equal(first[1], va);
        Assert.Equal(first[0], vb);
        Assert.Equal(first, scored.GetColumn<float>("Score").ToArray());
    }

    [Fact]
    public void BatchedScoringMatchesRowByRowScoringWhenRowsAreSkipped()
    {
        var keyed = models.Multiclass.First().Transform(models.Digits);
        var scorer = models.Multiclass.LastTransformer;
        var scored = scorer.Transform(keyed);
        var mapper = scorer.GetRowToRowMapper(keyed.Schema);
        var all = scored.GetColumn<float[]>("Score").ToArray();
        Assert.Equal(600, all.Length); // blocks of 1, 2, ... 32 rows, seven of 72 and a partial one
        using var cursor = scored.GetRowCursor(scored.Schema);
        using var inputCursor = keyed.GetRowCursor(keyed.Schema);
        using var rowByRow = mapper.GetRow(inputCursor, mapper.OutputSchema);
        var batched = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
        var single = rowByRow.GetGetter<VBuffer<float>>(mapper.OutputSchema["Score"]);
        VBuffer<float> a = default, b = default;
        int checkedRows = 0;
        while (cursor.MoveNext() && inputCursor.MoveNext())
        {
            if (cursor.Position % 7 != 3) continue; // skip rows: blocks must still line up with positions
            batched(ref a);
            single(ref b);
            Assert.Equal(all[cursor.Position], a.DenseValues().ToArray());
            Assert.Equal(b.DenseValues().ToArray(), a.DenseValues().ToArray());
            checkedRows++;
        }
        Assert.Equal(86, checkedRows);
    }

    [Fact]
    public void CrossValidateRunsFiveFoldsForEachTask()
    {
        var binary = Ml.BinaryClassification.CrossValidate(models.BreastCancer,
            Ml.Transforms.NormalizeMeanVariance("Features").Append(Ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 20, HiddenLayers = [8] })), 5);
        var multiclass = Ml.MulticlassClassification.CrossValidate(models.Digits,
            Ml.Transforms.Conversion.MapValueToKey("Label", "Digit").Append(Ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options { MaxEpochs = 10, HiddenLayers = [16] })), 5);
        var regression = Ml.Regression.CrossValidate(models.Ozone,
            Ml.Transforms.Concatenate("Features", "pressure_height_500mb").Append(Ml.Transforms.ReplaceMissingValues("Features")).Append(Ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(Ml.Regression.Trainers.Mlp(new MlpRegressionTrainer.Options { MaxEpochs = 3, HiddenLayers = [4] })), 5);
        Assert.Equal(5, binary.Count);
        Assert.Equal(5, multiclass.Count);
        Assert.Equal(5, regression.Count);
        Assert.All(binary, fold => Assert.InRange(fold.Metrics.AreaUnderRocCurve, 0.8, 1.0));
        Assert.All(multiclass, fold => Assert.InRange(fold.Metrics.MicroAccuracy, 0.6, 1.0));
        Assert.All(regression, fold => Assert.True(double.IsFinite(fold.Metrics.RootMeanSquaredError)));
    }

    [Fact]
    public void MapKeyToValueOnPredictedLabelReturnsTheOriginalClassNames()
    {
        var predictions = models.Multiclass.Transform(models.Digits);
        var scored = Ml.Transforms.Conversion.MapKeyToValue("PredictedDigit", "PredictedLabel").Fit(predictions).Transform(predictions);
        var predicted = scored.GetColumn<ReadOnlyMemory<char>>("PredictedDigit").Select(m => m.ToString()).ToArray();
        var truth = scored.GetColumn<string>("Digit").ToArray();
        Assert.All(predicted, p => Assert.Contains(p, new[] { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" }));
        Assert.True(predicted.Zip(truth).Count(pair => pair.First == pair.Second) > truth.Length / 2, "most predictions should name the right digit");
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        scored.Schema["Score"].GetSlotNames(ref slotNames);
        Assert.Equal(10, slotNames.Length);
    }

    [Fact]
    public void PermutationFeatureImportanceRanksAPlantedSignalAboveNoise()
    {
        var ml = new MLContext(seed: 3);
        var random = new Random(5);
        var rows = Enumerable.Range(0, 600).Select(_ =>
        {
            var f = new float[5];
            for (int j = 0; j < 5; j++) f[j] = (float)(random.NextDouble() * 2 - 1);
            return new PlantedRow { Features = f, Label = f[2] + 0.1f * (float)(random.NextDouble() - 0.5) > 0 };
        }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.BinaryClassification.Trainers.Mlp(new MlpBinaryTrainer.Options { MaxEpochs = 30, HiddenLayers = [16] }).Fit(data);
        var importance = ml.BinaryClassification.PermutationFeatureImportance(model, data, permutationCount: 3);
        var drops = importance.Select(i => i.AreaUnderRocCurve.Mean).ToArray();
        Assert.Equal(5, drops.Length);
        for (int j = 0; j < 5; j++)
        {
            if (j != 2) Assert.True(drops[2] < drops[j] - 0.1, $"AUC drop of the signal ({drops[2]:F3}) should exceed noise feature {j}'s ({drops[j]:F3}) by far");
        }
    }

    public sealed class PlantedRow
    {
        [VectorType(5)]
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}

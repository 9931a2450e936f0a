using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Quality;
using MlNetNeural.Tabular;

namespace MlNetNeural.Benchmarks.Tabular;

/// <summary>
/// Scoring the default Mlp (robust input scaling, periodic embeddings of the 57 numeric features, five networks merged
/// into one) and ML.NET's LightGbm with defaults (the peer) on spam, featurized as in the quality suite (split seed 1):
/// one PredictionEngine call, and Transform of the test part (a fifth of the 4,601 rows) reading every score. With
/// <see cref="OtherCheckout.Variable"/> set, the same against another checkout.
/// </summary>
[Config(typeof(ScoringConfig))]
public class TabularScoringBenchmarks
{
    private ITransformer _mlp = null!, _lightGbm = null!;
    private IDataView _test = null!;
    private PredictionEngine<FeatureRow, ScoreRow> _mlpEngine = null!, _lightGbmEngine = null!;
    private FeatureRow _oneRow = null!;

    /// <summary>The input of a prediction: the featurized row.</summary>
    public sealed class FeatureRow
    {
        /// <summary>The row's features.</summary>
        public float[] Features { get; set; } = [];
    }

    /// <summary>The score of a prediction.</summary>
    public sealed class ScoreRow
    {
        /// <summary>The binary classifier's score.</summary>
        public float Score { get; set; }
    }

    /// <summary>Featurizes spam, fits both models once and creates their engines.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var inference = QualityTable.Suite.Single(t => t.Name == "spam").Infer();
        (var train, _test) = QualityRunner.Featurize(inference, TabularDataset.Create(inference), new QualityOptions().TestFraction, seed: 1);
        var ml = new MLContext(seed: 1);
        _mlp = QualityModel.All.Single(m => m.Name == "mlp").Create(ml, inference.Label.Task).Fit(train);
        _lightGbm = QualityModel.All.Single(m => m.Name == "lightgbm").Create(ml, inference.Label.Task).Fit(train);
        int features = ((VectorDataViewType)train.Schema["Features"].Type).Size;
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        _mlpEngine = ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(_mlp, inputSchemaDefinition: schema);
        _lightGbmEngine = ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(_lightGbm, inputSchemaDefinition: schema);
        _oneRow = new FeatureRow { Features = ml.Data.CreateEnumerable<FeatureRow>(_test, reuseRowObject: false, schemaDefinition: schema).First().Features };
    }

    /// <summary>One PredictionEngine call of LightGbm.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("PredictionEngine")]
    public float PredictLightGbm() => _lightGbmEngine.Predict(_oneRow).Score;

    /// <summary>One PredictionEngine call of the Mlp.</summary>
    [Benchmark, BenchmarkCategory("PredictionEngine")]
    public float PredictMlp() => _mlpEngine.Predict(_oneRow).Score;

    /// <summary>Transform of the test rows with LightGbm, every score read.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Transform")]
    public float TransformLightGbm() => ScoringBenchmarks.ReadScores(_lightGbm, _test);

    /// <summary>Transform of the test rows with the Mlp, every score read.</summary>
    [Benchmark, BenchmarkCategory("Transform")]
    public float TransformMlp() => ScoringBenchmarks.ReadScores(_mlp, _test);
}

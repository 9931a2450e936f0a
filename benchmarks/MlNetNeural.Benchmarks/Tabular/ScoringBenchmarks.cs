using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Benchmarks.Configuration;

namespace MlNetNeural.Benchmarks.Tabular;

/// <summary>
/// Scoring with a fitted pipeline: all 2,000 test digits through Transform (read every Score vector),
/// and one PredictionEngine call. Our Mlp ([128], 10 epochs) against LbfgsMaximumEntropy on the same
/// pipeline. Rows per second = 2,000 / the Transform time.
/// </summary>
[Config(typeof(MlNetConfig))]
public class ScoringBenchmarks
{
    private IDataView _test = null!;
    private ITransformer _mlp = null!;
    private ITransformer _maxEnt = null!;
    private PredictionEngine<DigitsData.Row, ScoreRow> _mlpEngine = null!;
    private PredictionEngine<DigitsData.Row, ScoreRow> _maxEntEngine = null!;
    private DigitsData.Row _oneRow = null!;

    /// <summary>The score vector of a prediction.</summary>
    public sealed class ScoreRow
    {
        /// <summary>Class probabilities.</summary>
        public float[] Score { get; set; } = [];
    }

    /// <summary>Fits both pipelines once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = DigitsData.Load(ml);
        _test = test;
        _mlp = DigitsData.Pipeline(ml, DigitsData.Trainers.Single(t => t.Name == "Mlp").Create(ml)).Fit(train);
        _maxEnt = DigitsData.Pipeline(ml, DigitsData.Trainers.Single(t => t.Name == "LbfgsMaximumEntropy").Create(ml)).Fit(train);
        _mlpEngine = ml.Model.CreatePredictionEngine<DigitsData.Row, ScoreRow>(_mlp);
        _maxEntEngine = ml.Model.CreatePredictionEngine<DigitsData.Row, ScoreRow>(_maxEnt);
        _oneRow = ml.Data.CreateEnumerable<DigitsData.Row>(test, reuseRowObject: false).First();
    }

    /// <summary>Transform 2,000 rows with ML.NET's MaxEnt and read every score.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Transform")]
    public float TransformMaximumEntropy() => ReadScores(_maxEnt, _test);

    /// <summary>Transform 2,000 rows with our MLP (batched path) and read every score.</summary>
    [Benchmark, BenchmarkCategory("Transform")]
    public float TransformMlp() => ReadScores(_mlp, _test);

    /// <summary>One PredictionEngine call with ML.NET's MaxEnt.</summary>
    [Benchmark, BenchmarkCategory("PredictionEngine")]
    public float PredictMaximumEntropy() => _maxEntEngine.Predict(_oneRow).Score[0];

    /// <summary>One PredictionEngine call with our MLP.</summary>
    [Benchmark, BenchmarkCategory("PredictionEngine")]
    public float PredictMlp() => _mlpEngine.Predict(_oneRow).Score[0];

    /// <summary>Transforms <paramref name="data"/> with <paramref name="model"/> and reads every row's Score (a scalar, or a vector's first value); returns their sum.</summary>
    internal static float ReadScores(ITransformer model, IDataView data) => ColumnSums.FirstValues(model.Transform(data), "Score");
}

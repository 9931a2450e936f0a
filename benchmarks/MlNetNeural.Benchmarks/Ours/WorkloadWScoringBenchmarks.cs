using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Recipes;
using MlNetNeural.Benchmarks.Tabular;
using MlNetNeural.Core.Layers;
using MlNetNeural.Trainers;

namespace MlNetNeural.Benchmarks.Ours;

/// <summary>
/// Scoring a 784-256-10 model (workload W's shape, fitted through the ML.NET API for one epoch on 10,000 Fashion-MNIST
/// images: feature scaling, 256 ReLU units, dropout, 10 outputs): one PredictionEngine call; Transform of the 10,000 test
/// images reading every Score (rows per second = 10,000 / its time); and, in the core, one row through the network with a
/// plain workspace (weights packed on every call, the path PredictionEngine took before the scoring workspace) against a
/// scoring workspace (weights packed once).
/// </summary>
[Config(typeof(MlNetConfig))]
public class WorkloadWScoringBenchmarks
{
    private const int TrainingRows = 10_000;
    private IDataView _test = null!;
    private ITransformer _model = null!;
    private PredictionEngine<ImageRow, ScoreRow> _engine = null!;
    private ImageRow _oneRow = null!;
    private Network _network = null!;
    private NetworkWorkspace _plain = null!, _scoring = null!;

    /// <summary>The input of a prediction: the pixels.</summary>
    public sealed class ImageRow
    {
        /// <summary>784 pixels in [0, 1].</summary>
        [VectorType(FashionMnist.PixelsPerImage)]
        public float[] Features { get; set; } = [];
    }

    /// <summary>The score vector of a prediction.</summary>
    public sealed class ScoreRow
    {
        /// <summary>Class probabilities.</summary>
        public float[] Score { get; set; } = [];
    }

    /// <summary>Fits the model once and creates the engine and the workspaces.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = FashionMnist.Load();
        var subset = new LabelledImages(train.Images[..(TrainingRows * FashionMnist.PixelsPerImage)], train.Labels[..TrainingRows], train.Features);
        var options = new MlpMulticlassTrainer.Options { HiddenLayers = [256], MaxEpochs = 1 };
        var chain = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Mlp(options))
            .Fit(FashionRecipe.ToDataView(ml, subset));
        _model = chain;
        _test = FashionRecipe.ToDataView(ml, test);
        _engine = ml.Model.CreatePredictionEngine<ImageRow, ScoreRow>(chain.LastTransformer);
        _oneRow = new ImageRow { Features = test.Images[..FashionMnist.PixelsPerImage] };
        _network = chain.LastTransformer.Model.Network;
        _plain = _network.CreateWorkspace(1);
        _scoring = _network.CreateScoringWorkspace(1);
    }

    /// <summary>One row through the network, weights packed on every call.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Network")]
    public float NetworkPlainWorkspace() => _network.Forward(_oneRow.Features, _plain, 1, ForwardMode.Inference)[0];

    /// <summary>One row through the network, weights packed once (the matrix-vector kernel).</summary>
    [Benchmark, BenchmarkCategory("Network")]
    public float NetworkScoringWorkspace() => _network.Forward(_oneRow.Features, _scoring, 1, ForwardMode.Inference)[0];

    /// <summary>One PredictionEngine call.</summary>
    [Benchmark, BenchmarkCategory("PredictionEngine")]
    public float PredictionEngine() => _engine.Predict(_oneRow).Score[0];

    /// <summary>Transform the 10,000 test images and read every score.</summary>
    [Benchmark, BenchmarkCategory("Transform")]
    public float Transform() => ScoringBenchmarks.ReadScores(_model, _test);
}

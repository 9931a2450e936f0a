using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using MlNetNeural.Benchmarks.Configuration;
using MlNetNeural.Benchmarks.Data;
using MlNetNeural.Benchmarks.Recipes;
using MlNetNeural.Benchmarks.Tabular;
using MlNetNeural.Core.Layers;
using MlNetNeural.Trainers;

namespace MlNetNeural.Benchmarks.Ours;

/// <summary>
/// Scoring a 784-256-10 model (workload W's shape, fitted through the ML.NET API for one epoch on 10,000 Fashion-MNIST
/// images: feature scaling, 256 ReLU units, dropout, 10 outputs), against ML.NET's own LbfgsMaximumEntropy fitted on the
/// same images and scored on the same 784-float input (ML.NET's floor: its per-row overhead plus a 784 × 10 linear map):
/// one PredictionEngine call (on a test image, and on the same image moved off every feature's median, so that no scaled
/// input is zero and the matrix-vector product cannot skip any); Transform of the 10,000 test images reading every Score
/// (rows per second = 10,000 / its time); and, in the core, one row through the network with a plain workspace (weights
/// packed on every call) against a scoring workspace (weights packed once).
/// </summary>
[Config(typeof(ScoringConfig))]
public class WorkloadWScoringBenchmarks
{
    private const int TrainingRows = 10_000;

    /// <summary>L-BFGS iterations of the ML.NET peer: its scoring cost does not depend on them, its setup time does.</summary>
    private const int PeerIterations = 20;

    private IDataView _test = null!;
    private ITransformer _model = null!, _peer = null!;
    private PredictionEngine<ImageRow, ScoreRow> _engine = null!, _peerEngine = null!;
    private ImageRow _oneRow = null!, _rowWithoutZeroInputs = null!;
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

    /// <summary>Fits both models once and creates the engines and the workspaces.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = FashionMnist.Load();
        var subset = FashionRecipe.ToDataView(ml, new LabelledImages(train.Images[..(TrainingRows * FashionMnist.PixelsPerImage)], train.Labels[..TrainingRows], train.Features));
        // One network: the workload's 784-256-10 (the automatic EnsembleSize would average five on this small subset).
        var options = new MlpMulticlassTrainer.Options { HiddenLayers = [256], MaxEpochs = 1, EnsembleSize = 1 };
        var chain = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.Mlp(options)).Fit(subset);
        var peerOptions = new LbfgsMaximumEntropyMulticlassTrainer.Options { MaximumNumberOfIterations = PeerIterations };
        var peer = ml.Transforms.Conversion.MapValueToKey("Label").Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(peerOptions)).Fit(subset);
        _model = chain;
        _peer = peer;
        _test = FashionRecipe.ToDataView(ml, test);
        _engine = ml.Model.CreatePredictionEngine<ImageRow, ScoreRow>(chain.LastTransformer);
        _peerEngine = ml.Model.CreatePredictionEngine<ImageRow, ScoreRow>(peer.LastTransformer);
        _network = chain.LastTransformer.Model.Network;
        _oneRow = new ImageRow { Features = test.Images[..FashionMnist.PixelsPerImage] };
        _rowWithoutZeroInputs = new ImageRow { Features = _oneRow.Features.Select(pixel => pixel + 1f / 1024).ToArray() };
        Console.WriteLine($"// Scaled inputs that are zero: {ZeroInputs(_oneRow)} of {FashionMnist.PixelsPerImage} in the test image, {ZeroInputs(_rowWithoutZeroInputs)} after moving it");
        if (ZeroInputs(_rowWithoutZeroInputs) != 0) throw new InvalidOperationException("The moved image still has scaled inputs that are zero.");
        _plain = _network.CreateWorkspace(1);
        _scoring = _network.CreateScoringWorkspace(1);
    }

    /// <summary>How many of the network's first-layer outputs (the scaled inputs of the hidden layer) are zero for <paramref name="row"/>.</summary>
    private int ZeroInputs(ImageRow row)
    {
        var scaling = _network.Layers[0];
        var buffers = scaling.CreateBuffers(1);
        scaling.Forward(row.Features, buffers, 1, ForwardMode.Inference);
        return buffers.Output.Count(value => value == 0f);
    }

    /// <summary>One row through the network, weights packed on every call.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Network")]
    public float NetworkPlainWorkspace() => _network.Forward(_oneRow.Features, _plain, 1, ForwardMode.Inference)[0];

    /// <summary>One row through the network, weights packed once (the matrix-vector kernel).</summary>
    [Benchmark, BenchmarkCategory("Network")]
    public float NetworkScoringWorkspace() => _network.Forward(_oneRow.Features, _scoring, 1, ForwardMode.Inference)[0];

    /// <summary>One PredictionEngine call of ML.NET's LbfgsMaximumEntropy on the same input.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("PredictionEngine")]
    public float PredictionEngineMaximumEntropy() => _peerEngine.Predict(_oneRow).Score[0];

    /// <summary>One PredictionEngine call.</summary>
    [Benchmark, BenchmarkCategory("PredictionEngine")]
    public float PredictionEngine() => _engine.Predict(_oneRow).Score[0];

    /// <summary>One PredictionEngine call on an input none of whose scaled values is zero.</summary>
    [Benchmark, BenchmarkCategory("PredictionEngine")]
    public float PredictionEngineNoZeroInputs() => _engine.Predict(_rowWithoutZeroInputs).Score[0];

    /// <summary>Transform the 10,000 test images with ML.NET's LbfgsMaximumEntropy and read every score.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Transform")]
    public float TransformMaximumEntropy() => ScoringBenchmarks.ReadScores(_peer, _test);

    /// <summary>Transform the 10,000 test images and read every score.</summary>
    [Benchmark, BenchmarkCategory("Transform")]
    public float Transform() => ScoringBenchmarks.ReadScores(_model, _test);
}

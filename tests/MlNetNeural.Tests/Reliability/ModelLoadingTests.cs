using System.Buffers.Binary;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;
using MlNetNeural.Models;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// Loading saved models through ml.Model.Load: lengths are checked against the file before anything is allocated, a
/// model over the memory limit is refused with the way to raise it, a large model is read into memory once, and a
/// damaged model is refused instead of loading with altered class names.
/// </summary>
public sealed class ModelLoadingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnn-loading-").FullName;
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    /// <summary>A multiclass MLP over 4 features with the given class names and hidden width, untrained, saved alone.</summary>
    private string SaveMulticlass(string name, string[] classes, int hidden = 5, int inputs = 4, bool zeros = false)
    {
        var network = new NetworkArchitecture(inputs, [hidden], Activation.ReLU, 0f, classes.Length).Build(new DeterministicRandom(3));
        if (zeros) foreach (var parameter in network.Parameters) Array.Clear(parameter.Values);
        var model = new MlpModelParameters(MlpTask.MulticlassClassification, network, classes,
            TrainingHistory.Restore("accuracy", 0, StopReason.MaxEpochsReached, "", 0, 0, 0, []), []);
        var transformer = new MlpMulticlassPredictionTransformer(model, "Features");
        string path = PathOf(name);
        _ml.Model.Save(transformer, null, path);
        return path;
    }

    private static Exception LoadError(string path, MlNetNeuralLoadOptions? options = null)
    {
        var ml = options is null ? new MLContext().RegisterMlNetNeural() : new MLContext().RegisterMlNetNeural(options);
        var error = Record.Exception(() => ml.Model.Load(path, out _));
        Assert.NotNull(error);
        return error.GetBaseException();
    }

    [Fact]
    public void APayloadLengthBeyondTheFileIsRefusedWithoutAllocatingIt()
    {
        string path = SaveMulticlass("model.zip", ["cat", "dog", "emu"]);
        var entry = ModelFiles.FindMlp(path);
        byte[] crafted = (byte[])entry.Bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(crafted.AsSpan(entry.LengthFieldOffset), int.MaxValue);
        ModelFiles.WithEntry(path, PathOf("crafted.zip"), entry.Name, crafted);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = LoadError(PathOf("crafted.zip"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains($"declares a payload of {int.MaxValue} bytes, but only", error.Message);
        Assert.True(allocated < 32 << 20, $"loading allocated {allocated:N0} bytes");
    }

    [Fact]
    public void AModelOverTheMemoryLimitIsRefusedNamingTheWayToRaiseItAndLoadsAfterwards()
    {
        string path = SaveMulticlass("wide.zip", ["cat", "dog", "emu"], hidden: 2000, inputs: 20);

        var error = LoadError(path, new MlNetNeuralLoadOptions { MaxModelBytes = 100_000 });

        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("more than the 100,000 bytes this MLContext allows", error.Message);
        Assert.Contains("mlContext.RegisterMlNetNeural(new MlNetNeuralLoadOptions { MaxModelBytes = ", error.Message);
        var loaded = new MLContext().RegisterMlNetNeural(new MlNetNeuralLoadOptions { MaxModelBytes = 1_000_000 }).Model.Load(path, out _);
        Assert.NotNull(loaded);
        Assert.Contains("MaxModelBytes", Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext().RegisterMlNetNeural(new MlNetNeuralLoadOptions { MaxModelBytes = 0 })).Message);
    }

    [Fact]
    public void AnExplainerLoadsUnderTheSameMemoryLimitAsTheModelItExplains()
    {
        string modelPath = SaveMulticlass("explained.zip", ["cat", "dog", "emu"], hidden: 2000, inputs: 20);
        int payloadLength = ModelFiles.FindMlp(modelPath).PayloadLength;
        var limit = new MlNetNeuralLoadOptions { MaxModelBytes = payloadLength * 5L / 4 };
        var model = (MlpMulticlassPredictionTransformer)new MLContext().RegisterMlNetNeural(limit).Model.Load(modelPath, out _);
        var rows = _ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(i => new WideRow { Features = Enumerable.Range(0, 20).Select(j => (float)(i - j)).ToArray() }));
        var explainer = _ml.Transforms.CalculateMlpFeatureContribution(model).Fit(rows);
        string explainerPath = PathOf("explainer.zip");
        _ml.Model.Save(explainer, rows.Schema, explainerPath);

        // The nested MLP payload must not be charged twice (once as bytes, once as the weights read from them).
        var loaded = new MLContext().RegisterMlNetNeural(limit).Model.Load(explainerPath, out _);

        Assert.Equal(explainer.Transform(rows).GetColumn<float[]>("FeatureContributions").ToArray(),
            loaded.Transform(rows).GetColumn<float[]>("FeatureContributions").ToArray());
    }

    private sealed class WideRow
    {
        [VectorType(20)]
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void ALargeModelIsReadIntoMemoryOnce()
    {
        string path = SaveMulticlass("large.zip", ["cat", "dog", "emu"], hidden: 1000, inputs: 1000, zeros: true);
        long weightBytes = (1000L * 1000 + 1000 + 1000 * 3 + 3) * sizeof(float);
        var ml = new MLContext().RegisterMlNetNeural();
        ml.Model.Load(path, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var loaded = ml.Model.Load(path, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(loaded);
        Assert.True(new FileInfo(path).Length < weightBytes / 50, "an all-zero network compresses well");
        Assert.True(allocated < weightBytes * 5 / 4 + (2 << 20), $"loading {weightBytes:N0} bytes of weights allocated {allocated:N0} bytes");
    }

    [Fact]
    public void ADamagedEntryOfAnMlNetTransformerIsRefusedByTheZipsCrc32()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ShippedTransforms.CreateRows(50, seed: 1));
        var pipeline = ml.Transforms.NormalizeMinMax("Features").Fit(data).Append(new ShippedTransforms().ByName["Mlp binary"]);
        ml.Model.Save(pipeline, data.Schema, PathOf("pipeline.zip"));
        // Stored without compression, the normalizer's scales appear in the file as they are: change one, as a bad disk sector would.
        var entries = ModelFiles.Entries(PathOf("pipeline.zip"));
        byte[] normalizer = entries.Single(e => e.Name.EndsWith("Normalizer_000/Model.key", StringComparison.Ordinal)).Bytes;
        using (var stored = File.Create(PathOf("stored.zip"))) ModelFiles.WriteZip(stored, entries, System.IO.Compression.CompressionLevel.NoCompression);
        byte[] file = File.ReadAllBytes(PathOf("stored.zip"));
        int at = file.AsSpan().IndexOf(normalizer.AsSpan(normalizer.Length / 2, 24)) + 2;
        Assert.True(at > 2);
        Assert.NotNull(new MLContext().RegisterMlNetNeural().Model.Load(PathOf("stored.zip"), out _));
        file[at] ^= 0x20;
        File.WriteAllBytes(PathOf("damaged.zip"), file);

        var error = LoadError(PathOf("damaged.zip"));

        Assert.Contains("Normalizer_000/Model.key' does not match the CRC-32 stored for it", error.Message);
    }

    [Fact]
    public void TheCrc32IsTheZipFormats()
    {
        Assert.Equal(0xCBF43926u, Models.Format.Crc32.Finish(Models.Format.Crc32.Append(Models.Format.Crc32.Initial, "123456789"u8)));
    }

    [Fact]
    public void AFlippedByteInAClassNameIsRefusedInsteadOfChangingTheLabel()
    {
        string path = SaveMulticlass("animals.zip", ["cat", "dog", "emu"]);
        var entry = ModelFiles.FindMlp(path);
        int cat = Encoding.Latin1.GetString(entry.Bytes).IndexOf("cat", StringComparison.Ordinal);
        byte[] crafted = (byte[])entry.Bytes.Clone();
        crafted[cat] = (byte)'b';
        ModelFiles.WithEntry(path, PathOf("bat.zip"), entry.Name, crafted);

        var error = LoadError(PathOf("bat.zip"));

        Assert.IsType<InvalidDataException>(error);
        Assert.Contains("SHA-256 does not match", error.Message);
    }
}

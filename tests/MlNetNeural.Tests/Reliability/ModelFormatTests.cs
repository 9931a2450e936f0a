using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Models;
using MlNetNeural.Models.Format;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// The MLP payload (version 2): one SHA-256 over every part, sections a newer version can add (critical ones refused,
/// ancillary ones skipped by older readers), parts that must fit together, finite weights, and a memory budget.
/// </summary>
public sealed class ModelFormatTests
{
    private static readonly MlNetNeuralLoadOptions Defaults = new();

    private static MlpModelParameters Multiclass(int classes = 3) => new(MlpTask.MulticlassClassification,
        new NetworkArchitecture(4, [5], Activation.ReLU, 0.1f, classes).Build(new DeterministicRandom(2)),
        Enumerable.Range(0, classes).Select(i => $"class-{i}").ToArray(),
        TrainingHistory.Restore("accuracy", 2, StopReason.MaxEpochsReached, "Trained all 2 epochs.", 40, 0, 0.5,
            [new EpochReport(1, 0.9, null, null, 1e-3f, 0.2, false), new EpochReport(2, 0.7, null, null, 1e-3f, 0.3, true)], startingLoss: 1.1),
        [new("HiddenLayers", "[5]"), new("Seed", "1")]);

    private static byte[] Save(MlpModelParameters model, string featureColumn = "Features")
    {
        using var stream = new MemoryStream();
        MlpModelFormat.Write(stream, model, featureColumn);
        return stream.ToArray();
    }

    private static (MlpModelParameters Model, string Feature) Load(byte[] payload, uint version = MlpModelFormat.Version,
        MlpTask task = MlpTask.MulticlassClassification, MlNetNeuralLoadOptions? options = null) =>
        MlpModelFormat.Read(new MemoryStream(payload, writable: false), version, task, new ModelLoadBudget(options ?? Defaults));

    /// <summary>A version-2 payload with exactly these sections, hashed correctly.</summary>
    private static byte[] Payload(MlpTask task, params (ushort Code, bool Critical, Action<BinaryWriter> Body)[] sections)
    {
        using var stream = new MemoryStream();
        SectionedPayload.Write(stream, (byte)task, sections.Select(s => new SectionedPayload.Content(s.Code, s.Critical, s.Body)));
        return stream.ToArray();
    }

    /// <summary>The sections of <paramref name="model"/> as the writer makes them, by code, with changes.</summary>
    private static (ushort, bool, Action<BinaryWriter>)[] Sections(MlpModelParameters model, Func<ushort, Action<BinaryWriter>?>? replace = null) =>
        MlpSections.All.Select(s => (s.Code, s.Critical, replace?.Invoke(s.Code) ?? (w => s.Write(w, model, "Features")))).ToArray();

    [Fact]
    public void EveryPartRoundTripsExactly()
    {
        var model = Multiclass();
        var (loaded, feature) = Load(Save(model));
        Assert.Equal("Features", feature);
        Assert.Equal(model.ClassNames, loaded.ClassNames);
        Assert.Equal(model.TrainerOptions, loaded.TrainerOptions);
        Assert.Equal(model.History.Epochs, loaded.History.Epochs);
        Assert.Equal((model.History.BestEpoch, model.History.StopMessage, model.History.StartingLoss), (loaded.History.BestEpoch, loaded.History.StopMessage, loaded.History.StartingLoss));
        Assert.Equal(NetworkSerializer.ToBytes(model.Network), NetworkSerializer.ToBytes(loaded.Network));
    }

    [Fact]
    public void AFlippedByteAnywhereIsRefusedByTheHash()
    {
        byte[] payload = Save(Multiclass());
        int nameAt = Encoding.Latin1.GetString(payload).IndexOf("class-1", StringComparison.Ordinal);
        Assert.True(nameAt > 0);
        foreach (int offset in new[] { 0, nameAt, payload.Length / 2, payload.Length - 40, payload.Length - 1 })
        {
            byte[] flipped = (byte[])payload.Clone();
            flipped[offset] ^= 0x01;
            var error = Assert.Throws<InvalidDataException>(() => Load(flipped));
            Assert.Contains("SHA-256 does not match", error.Message);
        }
    }

    [Fact]
    public void AClassNameCountThatDoesNotMatchTheOutputsIsRefused()
    {
        var model = Multiclass(classes: 3);
        byte[] payload = Payload(MlpTask.MulticlassClassification, Sections(model, code => code == 2 ? w => MlpSections.WriteStrings(w, ["a", "b"]) : null));
        var error = Assert.Throws<InvalidDataException>(() => Load(payload));
        Assert.Contains("2 class names cannot have a network of 3 outputs", error.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void NonFiniteWeightsWithAValidHashAreRefused(float value)
    {
        var model = Multiclass();
        byte[] network = NetworkSerializer.ToBytes(model.Network);
        BinaryPrimitives.WriteSingleLittleEndian(network.AsSpan(26), value);
        ulong hash = 14695981039346656037UL;
        foreach (byte b in network.AsSpan(0, network.Length - 8)) hash = (hash ^ b) * 1099511628211UL;
        BinaryPrimitives.WriteUInt64LittleEndian(network.AsSpan(network.Length - 8), hash);
        byte[] payload = Payload(MlpTask.MulticlassClassification, Sections(model, code => code == 3 ? w => w.Write(network) : null));

        var error = Assert.Throws<InvalidDataException>(() => Load(payload));
        Assert.Contains("finite", error.Message);
        Assert.Contains("weights of layer 0", error.Message);
    }

    [Fact]
    public void ANetworkWithANonFiniteWeightIsNotSaved()
    {
        var model = Multiclass();
        model.Network.DenseLayers.First().Weights.Values[3] = float.NaN;
        var error = Assert.Throws<InvalidOperationException>(() => Save(model));
        Assert.Contains("weights[3] is NaN", error.Message);
    }

    [Fact]
    public void AnUnknownCriticalSectionAsksForANewerVersionAndAnUnknownAncillaryOneIsSkipped()
    {
        var model = Multiclass();
        var known = Sections(model);
        byte[] critical = Payload(MlpTask.MulticlassClassification, [.. known, (99, true, w => w.Write(0.7f))]);
        Assert.Contains("newer MlNetNeural", Assert.Throws<InvalidDataException>(() => Load(critical)).Message);

        byte[] ancillary = Payload(MlpTask.MulticlassClassification, [(98, false, w => w.Write("fine-tuned from x")), .. known]);
        Assert.Equal(model.ClassNames, Load(ancillary).Model.ClassNames);
    }

    [Fact]
    public void MissingDuplicatedOrOverlongSectionsAreRefused()
    {
        var model = Multiclass();
        var all = Sections(model);
        Assert.Contains("no network", Assert.Throws<InvalidDataException>(() => Load(Payload(MlpTask.MulticlassClassification, all.Where(s => s.Item1 != 3).ToArray()))).Message);
        Assert.Contains("class names twice", Assert.Throws<InvalidDataException>(() => Load(Payload(MlpTask.MulticlassClassification, [.. all, all[1]]))).Message);
        var padded = Sections(model, code => code == 1 ? w => { w.Write("Features"); w.Write(0); } : null);
        Assert.Contains("4 bytes after its contents", Assert.Throws<InvalidDataException>(() => Load(Payload(MlpTask.MulticlassClassification, padded))).Message);
    }

    [Fact]
    public void AWrongTaskOrAnUnknownVersionIsRefused()
    {
        byte[] payload = Save(Multiclass());
        Assert.Contains("MulticlassClassification MLP where its transformer type needs a BinaryClassification", Assert.Throws<InvalidDataException>(() => Load(payload, task: MlpTask.BinaryClassification)).Message);
        Assert.Contains("Upgrade MlNetNeural", Assert.Throws<InvalidDataException>(() => Load(payload, version: 3)).Message);
    }

    [Fact]
    public void PartsBeyondTheMemoryLimitAreRefusedNamingTheLimitAndHowToRaiseIt()
    {
        var model = Multiclass();
        byte[] payload = Save(model);
        var small = new MlNetNeuralLoadOptions { MaxModelBytes = 300 };
        var error = Assert.Throws<InvalidOperationException>(() => Load(payload, options: small));
        Assert.Contains("MaxModelBytes", error.Message);
        Assert.Contains("mlContext.RegisterMlNetNeural(new MlNetNeuralLoadOptions { MaxModelBytes = ", error.Message);
        Assert.Equal(model.ClassNames, Load(payload, options: new MlNetNeuralLoadOptions { MaxModelBytes = 1 << 20 }).Model.ClassNames);
    }

    [Fact]
    public void CraftedCountsAndLengthsAreRefusedBeforeAllocating()
    {
        var model = Multiclass();
        var hugeClassCount = Sections(model, code => code == 2 ? w => w.Write(int.MaxValue) : null);
        var hugeEpochs = Sections(model, code => code == 5 ? w => { w.Write("m"); w.Write(0); w.Write(0); w.Write(""); w.Write(0); w.Write(0); w.Write(0.0); w.Write(1_000_000_000); } : null);
        var hugeString = Sections(model, code => code == 1 ? w => w.Write7BitEncodedInt(int.MaxValue) : null);
        foreach (var sections in new[] { hugeClassCount, hugeEpochs, hugeString })
        {
            byte[] payload = Payload(MlpTask.MulticlassClassification, sections);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<InvalidDataException>(() => Load(payload));
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
            Assert.Contains("remain", error.Message);
        }
    }

    [Fact]
    public void TheHashIsTheSha256OfEverythingBeforeIt()
    {
        byte[] payload = Save(Multiclass());
        Assert.Equal(SHA256.HashData(payload.AsSpan(0, payload.Length - 32)), payload[^32..]);
    }
}

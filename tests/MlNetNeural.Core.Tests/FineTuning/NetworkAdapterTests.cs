using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Adaptation;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;

namespace MlNetNeural.Tests.FineTuning;

public class NetworkAdapterTests
{
    /// <summary>A base network and a tuned one: LoRA on the first hidden layer, the second unchanged, a new 4-class output layer.</summary>
    private static (Network Base, Network Tuned) Pair()
    {
        var random = new DeterministicRandom(12);
        var baseNetwork = new NetworkArchitecture(30, [24, 16], Activation.ReLU, 0.1f, 3).Build(random);
        var tuned = LoraAdapters.Attach(baseNetwork, [0], rank: 4, alpha: 8f, random);
        var lora = (LoraDenseLayer)tuned.Layers[0];
        for (int i = 0; i < lora.B.Values.Length; i++) lora.B.Values[i] = 0.1f * random.NextGaussian();
        var head = (DenseLayer)new DenseSpec(4, Activation.Identity).Build(16, 4, random);
        return (baseNetwork, new Network([.. tuned.Layers.Take(4), head]));
    }

    [Fact]
    public void TheAdapterRebuildsTheTunedNetworkFromItsBaseAndIsSmall()
    {
        var (baseNetwork, tuned) = Pair();
        var adapter = NetworkAdapter.Extract(baseNetwork, tuned, [new("classes", "a|b|c|d")]);
        byte[] bytes = adapter.ToBytes();
        var loaded = NetworkAdapter.FromBytes(bytes);
        var rebuilt = loaded.ApplyTo(baseNetwork);

        Assert.Equal(NetworkSerializer.ToBytes(tuned), NetworkSerializer.ToBytes(rebuilt));
        Assert.Equal(["layer 0: base layer 0 with LoRA rank 4 (alpha 8)", "layer 1: base layer 1", "layer 2: base layer 2", "layer 3: base layer 3", "layer 4: new dense 16 → 4, Identity"],
            loaded.Describe());
        Assert.Equal([new KeyValuePair<string, string>("classes", "a|b|c|d")], loaded.Metadata);
        Assert.Equal(4 * 30 + 24 * 4 + 16 * 4 + 4, loaded.StoredValueCount);
        Assert.True(bytes.Length < 4 * loaded.StoredValueCount + 200, $"{bytes.Length} bytes");
        Assert.True(bytes.Length < NetworkSerializer.ToBytes(tuned).Length / 3);
    }

    [Fact]
    public void ApplyingToAnotherBaseIsRefused()
    {
        var (baseNetwork, tuned) = Pair();
        var adapter = NetworkAdapter.Extract(baseNetwork, tuned);
        var other = baseNetwork.Copy();
        ((DenseLayer)other.Layers[2]).Weights.Values[0] += 1e-3f;
        var error = Assert.Throws<ArgumentException>(() => adapter.ApplyTo(other));
        Assert.Contains("different base network", error.Message);
        Assert.Equal(NetworkAdapter.Fingerprint(baseNetwork), adapter.BaseFingerprint);
    }

    [Fact]
    public void CorruptOrTruncatedAdaptersAreRefused()
    {
        var (baseNetwork, tuned) = Pair();
        byte[] bytes = NetworkAdapter.Extract(baseNetwork, tuned).ToBytes();
        byte[] flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x40;
        Assert.Contains("checksum", Assert.Throws<InvalidNetworkFileException>(() => NetworkAdapter.FromBytes(flipped)).Message);
        Assert.Throws<InvalidNetworkFileException>(() => NetworkAdapter.FromBytes(bytes.AsSpan(0, bytes.Length - 20)));
        Assert.Contains("MLNA", Assert.Throws<InvalidNetworkFileException>(() => NetworkAdapter.FromBytes(NetworkSerializer.ToBytes(tuned))).Message);
    }

    [Fact]
    public void SaveAndLoadGoThroughAFile()
    {
        var (baseNetwork, tuned) = Pair();
        string path = Path.Combine(Path.GetTempPath(), $"adapter-{Guid.NewGuid():N}.mlna");
        try
        {
            NetworkAdapter.Extract(baseNetwork, tuned).Save(path);
            Assert.Equal(NetworkSerializer.ToBytes(tuned), NetworkSerializer.ToBytes(NetworkAdapter.Load(path).ApplyTo(baseNetwork)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Diagnostics;
using Microsoft.ML;
using MlNetNeural.Tests.TestData;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// SaveSafely's guarantees as a user sees them: a process killed (SIGKILL) at any moment of a save leaves the previous or
/// the new model, never a broken one, and the next save removes what it left; symbolic links are written through,
/// special files refused, permissions and owner kept.
/// </summary>
public sealed class SaveSafelyTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Trials = 20;
    private readonly string _directory = Directory.CreateTempSubdirectory("mlnn-savesafely-").FullName;
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static float[] Row { get; } = Enumerable.Range(0, SaveLoop.Features).Select(i => MathF.Sin(i) * 2f).ToArray();

    /// <summary>The Score of <see cref="Row"/> under <paramref name="model"/>, as bits.</summary>
    private static int ScoreBits(MLContext ml, ITransformer model) =>
        BitConverter.SingleToInt32Bits(FeatureRows.ReadSingles(model.Transform(FeatureRows.Load(ml, [Row])), "Score")[0][0]);

    private string[] TemporaryFiles() => Directory.GetFiles(_directory, ".model.zip.*.tmp");

    [Fact]
    public void AProcessKilledAtAnyMomentOfASaveLeavesThePreviousOrTheNewModelAndTheNextSaveCleansUp()
    {
        string path = PathOf("model.zip");
        var expected = new Dictionary<int, char> { [ScoreBits(_ml, SaveLoop.Model(1))] = 'A', [ScoreBits(_ml, SaveLoop.Model(2))] = 'B' };
        var random = new Random(20);
        int killedMidWrite = 0;
        var loadedModels = new List<char>();
        for (int trial = 0; trial < Trials; trial++)
        {
            using var child = ChildProcess.Start("save-loop", path);
            string[] first = (child.StandardOutput.ReadLine() ?? "").Split(' ');
            Assert.Equal("saved", first[0]);
            Thread.Sleep(random.Next(0, 2 * int.Parse(first[2], System.Globalization.CultureInfo.InvariantCulture) + 1));
            child.Kill(entireProcessTree: true);
            child.WaitForExit();

            if (TemporaryFiles().Length > 0) killedMidWrite++;
            var loaded = new MLContext().RegisterMlNetNeural().Model.Load(path, out _);
            Assert.True(expected.TryGetValue(ScoreBits(_ml, loaded), out char which), $"trial {trial}: the model at the path scores as neither A nor B");
            loadedModels.Add(which);

            _ml.Model.SaveSafely(SaveLoop.Model(1), null, path);
            Assert.Empty(TemporaryFiles());
        }
        output.WriteLine($"{Trials} kills: {killedMidWrite} while a temporary file was being written; the path then held model A {loadedModels.Count(m => m == 'A')} times, B {loadedModels.Count(m => m == 'B')} times; every one loaded.");
        Assert.True(killedMidWrite >= Trials / 2, $"only {killedMidWrite} of {Trials} kills landed while a temporary file was being written");
        Assert.Contains('B', loadedModels);
    }

    [Fact]
    public void ASymbolicLinkIsWrittenThroughAndStaysALink()
    {
        string real = PathOf("real.zip"), link = PathOf("link.zip");
        _ml.Model.SaveSafely(SaveLoop.Model(1), null, real);
        File.CreateSymbolicLink(link, real);

        _ml.Model.SaveSafely(SaveLoop.Model(2), null, link);

        Assert.Equal(real, new FileInfo(link).LinkTarget);
        Assert.Equal(ScoreBits(_ml, SaveLoop.Model(2)), ScoreBits(_ml, new MLContext().RegisterMlNetNeural().Model.Load(real, out _)));
    }

    [Fact]
    public void ModeAndOwnerAreKept()
    {
        if (!OperatingSystem.IsLinux()) return;
        string path = PathOf("kept.zip");
        _ml.Model.SaveSafely(SaveLoop.Model(1), null, path);
        const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, Mode);
        bool root = Environment.UserName == "root";
        if (root) Assert.Equal(0, Run("chown", $"65534:65534 {path}"));

        _ml.Model.SaveSafely(SaveLoop.Model(2), null, path);

        Assert.Equal(Mode, File.GetUnixFileMode(path));
        if (root) Assert.Equal("65534:65534", Stat(path, "%u:%g"));
    }

    [Fact]
    public void ATargetThatIsNotARegularFileIsRefusedAndLeftAsItWas()
    {
        if (!OperatingSystem.IsLinux()) return;
        string pipe = PathOf("pipe.zip");
        Assert.Equal(0, Run("mkfifo", pipe));

        var error = Assert.Throws<IOException>(() => _ml.Model.SaveSafely(SaveLoop.Model(1), null, pipe));

        Assert.Contains("named pipe, not a regular file", error.Message);
        Assert.Contains("unchanged", error.Message);
        Assert.Equal("fifo", Stat(pipe, "%F"));
        Assert.Equal([pipe], Directory.GetFiles(_directory));
    }

    [Fact]
    public void AsRootACopyOfTheNullDeviceIsRefusedAndStaysADevice()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return;
        string device = PathOf("null.zip");
        Assert.Equal(0, Run("mknod", $"{device} c 1 3"));

        var error = Assert.Throws<IOException>(() => _ml.Model.SaveSafely(SaveLoop.Model(1), null, device));

        Assert.Contains("character device, not a regular file", error.Message);
        Assert.Equal("character special file", Stat(device, "%F"));
    }

    private static string Stat(string path, string format)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", $"-c {format} {path}") { UseShellExecute = false, RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return output;
    }

    private static int Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode;
    }
}

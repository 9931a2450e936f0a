using MlNetNeural.Tests.TestData;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.ML;

namespace MlNetNeural.Tests.Persistence;

/// <summary>
/// Loads a saved model as a fresh process would: inside a collectible <see cref="AssemblyLoadContext"/> holding
/// fresh copies of Microsoft.ML, MlNetNeural and this test assembly (fresh statics, no registration done
/// before, nothing shared with the test's own ML.NET types), in a fresh MLContext.
/// </summary>
internal static class IsolatedLoadProbe
{
    /// <summary>Runs <see cref="LoadAndScore"/> in a new isolated load context and unloads it afterwards.</summary>
    /// <param name="modelPath">The saved model.</param>
    /// <param name="register">Whether the fresh program calls RegisterMlNetNeural first.</param>
    /// <param name="features">Rows to score.</param>
    /// <param name="outputColumn">The vector or scalar Single column to read back ("Doubled" for the dummy, "Score" for an MLP).</param>
    public static float[][] RunIsolated(string modelPath, bool register, float[][] features, string outputColumn = DoublingTransformer.OutputColumn)
    {
        var context = new BinDirectoryLoadContext();
        try
        {
            var ownCopy = context.LoadFromAssemblyPath(typeof(IsolatedLoadProbe).Assembly.Location);
            var probe = ownCopy.GetType(typeof(IsolatedLoadProbe).FullName!, throwOnError: true)!
                .GetMethod(nameof(LoadAndScore), BindingFlags.Static | BindingFlags.Public)!;
            try
            {
                var scores = (float[][])probe.Invoke(null, [modelPath, register, features, outputColumn])!;
                var coreCopy = context.Assemblies.Single(a => a.GetName().Name == "Microsoft.ML.Core");
                Assert.NotSame(typeof(Microsoft.ML.Runtime.IHostEnvironment).Assembly, coreCopy);
                return scores;
            }
            catch (TargetInvocationException wrapper) when (wrapper.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(wrapper.InnerException).Throw();
                throw;
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>What a user's fresh program does: new MLContext, (register), Model.Load, score.</summary>
    public static float[][] LoadAndScore(string modelPath, bool register, float[][] features, string outputColumn)
    {
        var ml = new MLContext(seed: 7);
        if (register)
            ml.RegisterMlNetNeural();
        var model = ml.Model.Load(modelPath, out _);
        return FeatureRows.ReadSingles(model.Transform(FeatureRows.Load(ml, features)), outputColumn);
    }

    private sealed class BinDirectoryLoadContext() : AssemblyLoadContext("MlNetNeural fresh load", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string candidate = Path.Combine(AppContext.BaseDirectory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}

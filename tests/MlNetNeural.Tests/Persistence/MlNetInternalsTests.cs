using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.MlNet.Internals;

namespace MlNetNeural.Tests.Persistence;

public sealed class MlNetInternalsTests
{
    [Fact]
    public void Every_internal_member_we_use_exists_in_the_referenced_MlNet()
    {
        MlNetMembers.VerifyAll();
        Assert.Equal(MlNetMembers.PinnedVersion, PackageVersionOf(typeof(MLContext).Assembly));
    }

    [Fact]
    public void The_loaded_MlNet_passes_the_runtime_check()
    {
        MlNetCompatibility.EnsureSupported();
        Assert.Null(MlNetCompatibility.Check(new Version(5, 0, 1), MlNetMembers.VerifyAll));
    }

    [Theory]
    [InlineData("6.0.0")]
    [InlineData("4.0.2")]
    public void An_MlNet_outside_the_supported_range_is_refused_naming_the_supported_versions(string version)
    {
        var error = MlNetCompatibility.Check(Version.Parse(version), () => { });

        Assert.NotNull(error);
        Assert.Contains("supports Microsoft.ML [5.0.1, 6.0.0)", error.Message);
        Assert.Contains($"loaded Microsoft.ML {version}", error.Message);
    }

    [Fact]
    public void A_later_5x_that_moved_an_internal_is_refused_naming_the_member_and_the_versions()
    {
        var error = MlNetCompatibility.Check(new Version(5, 2, 0), () => throw new MissingMemberException("method Microsoft.ML.ModelLoadContext.LoadString() is gone."));

        Assert.NotNull(error);
        Assert.Contains("supports Microsoft.ML [5.0.1, 6.0.0)", error.Message);
        Assert.Contains("tested with 5.0.1", error.Message);
        Assert.Contains("Microsoft.ML 5.2.0 has moved an internal member", error.Message);
        Assert.Contains("ModelLoadContext.LoadString", error.Message);
    }

    [Fact]
    public void The_supported_range_is_the_packages_dependency_range()
    {
        string props = File.ReadAllText(Path.Combine(Path.GetDirectoryName(TestData.RepositoryData.PathOf("breast_cancer_wisconsin_diagnostic.csv"))!, "..", "Directory.Packages.props"));
        Assert.Contains($"<PackageVersion Include=\"Microsoft.ML\" Version=\"{MlNetCompatibility.SupportedRange}\" />", props);
    }

    [Fact]
    public void SchemaShapeColumns_builds_the_requested_column()
    {
        var annotations = new SchemaShape([]);

        var column = SchemaShapeColumns.Create("Score", SchemaShape.Column.VectorKind.Vector, NumberDataViewType.Single, false, annotations);

        Assert.Equal("Score", column.Name);
        Assert.Equal(SchemaShape.Column.VectorKind.Vector, column.Kind);
        Assert.Equal(NumberDataViewType.Single, column.ItemType);
        Assert.False(column.IsKey);
        Assert.Same(annotations, column.Annotations);
    }

    [Fact]
    public void SchemaShapeColumns_keeps_MlNets_own_argument_checks()
    {
        Assert.ThrowsAny<ArgumentException>(() =>
            SchemaShapeColumns.Create("", SchemaShape.Column.VectorKind.Scalar, NumberDataViewType.Single, false));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void TrainerInfoFactory_sets_the_public_flags(bool normalization, bool caching)
    {
        var info = TrainerInfoFactory.Create(normalization, caching, supportsValidation: true);

        Assert.Equal(normalization, info.NeedNormalization);
        Assert.Equal(caching, info.WantCaching);
    }

    [Fact]
    public void CatalogEnvironment_returns_the_contexts_environment()
    {
        var ml = new MLContext(seed: 1);

        var env = CatalogEnvironment.Of(ml.BinaryClassification.Trainers);

        Assert.Same(ml.ComponentCatalog, env.ComponentCatalog);
    }

    [Fact]
    public void CatalogEnvironment_rejects_a_non_catalog_clearly()
    {
        var error = Assert.Throws<ArgumentException>(() => CatalogEnvironment.Of("not a catalog"));
        Assert.Contains("System.String", error.Message);
    }

    [Fact]
    public void ConcatenatedColumns_lists_each_outputs_inputs_in_order()
    {
        var ml = new MLContext(seed: 1);
        var data = SmallTable(ml);
        var concatenate = ml.Transforms.Concatenate("Features", "B", "A").Append(ml.Transforms.Concatenate("Both", "A", "B")).Fit(data);
        var first = (ColumnConcatenatingTransformer)concatenate.First();

        var columns = ConcatenatedColumns.Of(first, data.Schema, ["Features"]);

        Assert.Equal("Features", Assert.Single(columns).Output);
        Assert.Equal(["B", "A"], columns[0].Inputs);
        Assert.Throws<MissingMemberException>(() => ConcatenatedColumns.Of(first, data.Schema, ["Other"]));
    }

    [Fact]
    public void OneToOneColumnPairs_names_the_input_of_each_output_and_checks_the_schemas()
    {
        var ml = new MLContext(seed: 1);
        var data = SmallTable(ml);
        var replace = ml.Transforms.ReplaceMissingValues([new InputOutputColumnPair("A2", "A"), new InputOutputColumnPair("B")]).Fit(data);

        var pairs = OneToOneColumnPairs.Of(replace, data.Schema, ["A2", "B"]);

        Assert.Equal([("A2", "A"), ("B", "B")], pairs);
        Assert.Throws<MissingMemberException>(() => OneToOneColumnPairs.Of(replace, data.Schema, ["A2"]));
    }

    [Fact]
    public void OneHotEncodingParts_are_the_key_mapping_then_the_key_to_vector()
    {
        var ml = new MLContext(seed: 1);
        var data = SmallTable(ml);
        var oneHot = ml.Transforms.Categorical.OneHotEncoding("CityVector", "City").Fit(data);

        var parts = OneHotEncodingParts.Of(oneHot).ToArray();

        Assert.Equal([typeof(Microsoft.ML.Transforms.ValueToKeyMappingTransformer), typeof(Microsoft.ML.Transforms.KeyToVectorMappingTransformer)], parts.Select(part => part.GetType()));
    }

    private static IDataView SmallTable(MLContext ml) => ml.Data.LoadFromEnumerable(
    [
        new SmallRow { A = 1, B = float.NaN, City = "Oslo" },
        new SmallRow { A = float.NaN, B = 2, City = "Lima" },
    ]);

    private sealed class SmallRow
    {
        public float A { get; set; }

        public float B { get; set; }

        public string City { get; set; } = "";
    }

    private static string PackageVersionOf(System.Reflection.Assembly assembly)
    {
        string informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        return informational.Split('+', '-')[0];
    }
}

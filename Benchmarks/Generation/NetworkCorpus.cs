using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace StaticNets.Benchmarks.Generation;

/// <summary>The reference networks of DESIGN.md.</summary>
public enum ReferenceNetwork
{
    Mlp2,
    Lenet5,
    /// <summary>Written with the CS231n pattern and its Let/Defaults, as in DESIGN.md.</summary>
    Cifar,
}

/// <summary>One source file of the benchmarked project.</summary>
public sealed record CorpusFile(string Path, string Text);

/// <summary>
/// The project the generator is benchmarked on: <see cref="NetworkCount"/> network classes, one per file, with
/// distinct names, cycling through the given reference networks; plus ordinary files with no network, as a
/// real project has.
/// </summary>
public sealed class NetworkCorpus
{
    public const int NetworkCount = 200;

    public const int UnrelatedFileCount = 20;

    /// <summary>The benchmarked mix: mlp2, lenet5 and cifar in turn (67, 67 and 66 of them).</summary>
    public static NetworkCorpus Mixed { get; } = new(new[] { ReferenceNetwork.Mlp2, ReferenceNetwork.Lenet5, ReferenceNetwork.Cifar });

    /// <summary>All <see cref="NetworkCount"/> networks of one kind, to see what each kind costs.</summary>
    public static NetworkCorpus Only(ReferenceNetwork kind) => new(new[] { kind });

    private NetworkCorpus(IReadOnlyList<ReferenceNetwork> cycle)
    {
        Kinds = Enumerable.Range(0, NetworkCount).Select(i => cycle[i % cycle.Count]).ToImmutableArray();
        NetworkFiles = Kinds.Select((kind, i) => NetworkFile(kind, i)).ToImmutableArray();
        UnrelatedFiles = Enumerable.Range(0, UnrelatedFileCount).Select(UnrelatedFile).ToImmutableArray();
    }

    /// <summary>The kind of each network, in file order.</summary>
    public ImmutableArray<ReferenceNetwork> Kinds { get; }

    public ImmutableArray<CorpusFile> NetworkFiles { get; }

    public ImmutableArray<CorpusFile> UnrelatedFiles { get; }

    /// <summary>Describes the mix, e.g. "67 mlp2, 67 lenet5, 66 cifar".</summary>
    public string Description => string.Join(", ", Kinds.GroupBy(k => k).Select(g => g.Count().ToString(CultureInfo.InvariantCulture) + " " + g.Key.ToString().ToLowerInvariant()));

    private static CorpusFile NetworkFile(ReferenceNetwork kind, int index)
    {
        string number = index.ToString("D3", CultureInfo.InvariantCulture);
        var (attribute, className) = kind switch
        {
            ReferenceNetwork.Mlp2 => ("[Network(\"FC(100)+RELU+FC(10)+SOFTMAX\", Input = \"3x32x32\")]", "Mlp2Net" + number),
            ReferenceNetwork.Lenet5 => (
                "[Network(\"CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX\", Input = \"1x28x28\")]",
                "Lenet5Net" + number),
            ReferenceNetwork.Cifar => (
                "[Network(\"((CONV+RELU)*N+POOL)*M+(FC+RELU)*K+SOFTMAX\",\n"
                + "         Input = \"3x32x32\", Classes = 10, Let = \"N=2, M=3, K=1\",\n"
                + "         Defaults = \"CONV([32,64,128], 3, pad: same); POOL(2); FC(256)\")]",
                "CifarNet" + number),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a reference network"),
        };
        string text = "using StaticNets;\n\nnamespace Sample.Networks;\n\n" + attribute + "\npublic partial class " + className + "\n{\n}\n";
        return new CorpusFile("Networks/" + className + ".cs", text);
    }

    /// <summary>Ordinary code: a record and a small service, so the edited file is something a user would type in.</summary>
    private static CorpusFile UnrelatedFile(int index)
    {
        string number = index.ToString("D2", CultureInfo.InvariantCulture);
        return new CorpusFile("Services/OrderService" + number + ".cs", $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace Sample.Services;

            public sealed record Order{{number}}(int Id, string Customer, decimal Total);

            public sealed class OrderService{{number}}
            {
                private readonly List<Order{{number}}> _orders = new();

                public void Add(Order{{number}} order) => _orders.Add(order ?? throw new ArgumentNullException(nameof(order)));

                public decimal TotalFor(string customer)
                {
                    return _orders.Where(o => o.Customer == customer).Sum(o => o.Total);
                }

                public int Count()
                {
                    return _orders.Count;
                }
            }

            """);
    }
}

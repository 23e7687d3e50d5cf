var __mdStartup = ((Observable, merge, defer) => {
  const SLICE_MS = 8;
  const queue = [];

  function run() {
    const start = performance.now();
    try {
      while (queue.length && performance.now() - start < SLICE_MS) queue.shift()();
    } finally {
      if (queue.length) setTimeout(run);
    }
  }

  function later(source) {
    return new Observable(subscriber => {
      let subscription;
      let closed = false;
      queue.push(() => {
        if (!closed) subscription = source.subscribe(subscriber);
      });
      if (queue.length === 1) setTimeout(run);
      return () => {
        closed = true;
        if (subscription) subscription.unsubscribe();
      };
    });
  }

  function lazy(elements) {
    return {
      map: mount => elements.map(element => defer(() => mount(element))),
      filter: keep => lazy(elements.filter(keep)),
    };
  }

  return {
    staggered: (...sources) => merge(...sources.map(later)),
    lazy,
    nextTask: () => new Promise(resolve => setTimeout(resolve)),
    nextFrame: () => new Promise(resolve => {
      if (document.hidden) setTimeout(resolve);
      else requestAnimationFrame(() => setTimeout(resolve));
    }),
  };
})(Observable, merge, defer);

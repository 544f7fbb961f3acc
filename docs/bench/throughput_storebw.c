// Store bandwidth probe of docs/bench/throughput.md: gcc -O2 -mavx2 -pthread
// -o storebw throughput_storebw.c; ./storebw KIB THREADS MODE (MODE 0: 32-byte
// stores, 1: non-temporal stores, 2: loads).
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
// Each thread writes `total` bytes into its own buffer of `size` bytes, cycled,
// with 32-byte stores (mode 0), non-temporal stores (mode 1), or read+write (mode 2).
static size_t size, total; static int mode;
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static void* run(void*arg){
  double *buf=aligned_alloc(64,size); memset(buf,0,size);
  __m256d v=_mm256_set1_pd(1.5), acc=_mm256_setzero_pd();
  size_t n=size/8;
  for(size_t done=0;done<total;done+=size){
    if(mode==0) for(size_t i=0;i<n;i+=4) _mm256_store_pd(buf+i,v);
    else if(mode==1) for(size_t i=0;i<n;i+=4) _mm256_stream_pd(buf+i,v);
    else for(size_t i=0;i<n;i+=4) acc=_mm256_add_pd(acc,_mm256_load_pd(buf+i));
    v=_mm256_add_pd(v,v);
  }
  _mm_sfence();
  double s[4]; _mm256_storeu_pd(s,acc); if(s[0]==42)printf("x");
  return buf;
}
int main(int argc,char**argv){
  size=atol(argv[1])*1024; int th=atoi(argv[2]); mode=atoi(argv[3]); total=(size_t)1060000000/th;
  total=(total/size+1)*size;
  pthread_t t[2]; double t0=now();
  for(int i=0;i<th;i++) pthread_create(&t[i],0,run,0);
  for(int i=0;i<th;i++) pthread_join(t[i],0);
  double dt=now()-t0;
  printf("size=%6zuK threads=%d mode=%d  %.1f ms for 1.06 GB  %.1f GB/s\n",size/1024,th,mode,dt*1e3,(double)total*th/dt/1e9);
}
